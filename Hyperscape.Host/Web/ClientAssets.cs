using System.Collections.Frozen;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;

namespace Hyperscape.Host.Web;

/// <summary>
/// The browser client and dashboard, embedded in the host assembly by the build (the
/// <c>Hyperscape.Client</c> bundle), so that any start of the server (<c>dotnet run</c>, the
/// Release build, <c>dotnet Hyperscape.Host.dll</c> from anywhere) serves the same page. Each file
/// is kept with its gzip form and a strong ETag, computed once.
/// </summary>
public sealed class ClientAssets
{
    private const string Prefix = "Client/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".json"] = "application/json",
        [".map"] = "application/json",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, ClientAsset> _files;

    /// <summary>Reads the client files embedded in <paramref name="assembly"/>.</summary>
    public ClientAssets(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var files = new Dictionary<string, ClientAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var path = "/" + name[Prefix.Length..].Replace('\\', '/');
            files[path] = Create(copy.ToArray(), ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream"));
        }

        _files = files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>True when the build embedded the client (it is skipped with <c>-p:SkipClientBuild=true</c>).</summary>
    public bool Available => _files.ContainsKey("/index.html");

    /// <summary>The file served at <paramref name="path"/>, if any.</summary>
    public bool TryGet(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ClientAsset? asset) =>
        _files.TryGetValue(path, out asset);

    private static ClientAsset Create(byte[] content, string contentType)
    {
        using var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(content);
        }

        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 12)) + "\"";
        return new ClientAsset(content, gzipped.ToArray(), contentType, etag);
    }
}

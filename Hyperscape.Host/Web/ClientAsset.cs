namespace Hyperscape.Host.Web;

/// <summary>One file of the browser client, as sent.</summary>
/// <param name="Content">The file.</param>
/// <param name="Gzipped">The file gzip-compressed, sent to browsers that accept it.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="ETag">A strong validator of the content.</param>
public sealed record ClientAsset(byte[] Content, byte[] Gzipped, string ContentType, string ETag);

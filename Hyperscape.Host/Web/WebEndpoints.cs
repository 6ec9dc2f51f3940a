using Hyperscape.Ecs.Sync;
using Hyperscape.Host.Configuration;
using Hyperscape.Host.Gameplay;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Hyperscape.Host.Web;

/// <summary>
/// The pages a person opens: the game at <c>/</c>, the live dashboard at <c>/dashboard</c>, their
/// scripts, and <c>/api/world</c>, the static description of the world the client draws with.
/// </summary>
public static class WebEndpoints
{
    /// <summary>Maps the client's routes.</summary>
    public static void MapClient(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var assets = new ClientAssets(typeof(WebEndpoints).Assembly);
        WorldDescription? described = null;
        app.MapGet("/api/world", (GameLoop loop, IOptions<ServerOptions> options) =>
            Results.Ok(described ??= WorldDescription.From(loop.WorldContent, loop.Server.Simulation.TickLength, options.Value, SyncOptions.Default.ViewRadius)));
        app.MapGet("/", (HttpContext context) => Serve(context, assets, "/index.html"));
        app.MapGet("/dashboard", (HttpContext context) => Serve(context, assets, "/dashboard.html"));
        app.MapGet("/assets/{file}", (HttpContext context, string file) => Serve(context, assets, "/assets/" + file));
    }

    private static IResult Serve(HttpContext context, ClientAssets assets, string path)
    {
        if (!assets.TryGet(path, out var asset))
        {
            return assets.Available || path.StartsWith("/assets/", StringComparison.Ordinal)
                ? Results.NotFound()
                : Results.Text(
                    "This server was built without its browser client (SkipClientBuild). Build it with Node.js installed: dotnet build Hyperscape.Host",
                    "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var headers = context.Response.Headers;
        headers.ETag = asset.ETag;

        // Pages revalidate so a new build shows at once; bundles are named per build and only
        // change with it, but revalidating them too is cheap at this size.
        headers.CacheControl = "no-cache";
        headers.Vary = HeaderNames.AcceptEncoding;
        if (context.Request.Headers.IfNoneMatch == asset.ETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var gzip = context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
        if (gzip)
        {
            headers.ContentEncoding = "gzip";
        }

        return Results.Bytes(gzip ? asset.Gzipped : asset.Content, asset.ContentType);
    }
}

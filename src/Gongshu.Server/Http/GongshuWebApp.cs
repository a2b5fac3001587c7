using System.Net;
using Gongshu.Audit;
using Gongshu.Server.Audit;
using Gongshu.Server.Catalog;
using Gongshu.Server.Collection;
using Gongshu.Server.Delivery;
using Gongshu.Server.Directories;
using Gongshu.Server.Governance;
using Gongshu.Server.Health;
using Gongshu.Server.Opening;
using Gongshu.Server.Platform;
using Gongshu.Server.Security;
using Gongshu.Server.Sessions;
using Gongshu.Server.Sharing;
using Gongshu.Server.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Gongshu.Server.Http;

/// <summary>Builds the web server; the list of <c>MapXxx</c> calls is the platform's table of contents.</summary>
public static class GongshuWebApp
{
    public static WebApplication Build(PlatformServices platform, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });

        // The console shows Gongshu's own lines and real problems, not framework chatter.
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // The data-protection key ring sits in the key folder, protected like the other keys by file permissions.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        var settings = platform.Settings;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes;
            var address = settings.Host is "0.0.0.0" or "*" ? IPAddress.Any : IPAddress.Parse(settings.Host == "localhost" ? "127.0.0.1" : settings.Host);
            kestrel.Listen(address, settings.Port);
        });

        builder.Services.AddSingleton(platform);
        builder.Services.AddSingleton(platform.Database);
        builder.Services.AddSingleton(platform.Keys);
        builder.Services.AddSingleton(platform.AuditLog);
        builder.Services.AddSingleton<IAuditLog>(platform.AuditLog);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<AuditCheckpointService>();
        builder.Services.AddHostedService<CollectionScheduler>();
        builder.Services.AddHostedService<ShareDeadlineService>();
        builder.Services.AddProblemDetails();
        builder.Services.AddGongshuAuthentication(platform);
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddOpenApi();
        builder.Services.AddWebPages();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
            json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseProblemResponses();
        app.UseSecurityHeaders();
        app.UseWebPages();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOpenApi();
        app.MapHealth();
        app.MapWebPages();

        var api = app.MapApi();
        api.MapSessions();
        api.MapDirectory();
        api.MapCredentials();
        api.MapAudit();
        api.MapCatalog();
        api.MapCatalogExcel();
        api.MapCollection();
        api.MapGrading();
        api.MapMasking();
        api.MapDelivery();
        api.MapGovernance();
        api.MapCalendar();
        api.MapAuthority();
        api.MapSharing();
        api.MapOpening();
        app.MapGateway();
        app.MapCkan();
        app.MapDcat();
        return app;
    }

    /// <summary>The address the server actually listens on (useful with port 0).</summary>
    public static string ListeningUrl(this WebApplication app)
        => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}

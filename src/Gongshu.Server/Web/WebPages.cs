using System.Text.Encodings.Web;
using System.Text.Unicode;
using Gongshu.Server.Web.Portal;
using Gongshu.Server.Web.Shared;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.FileProviders;

namespace Gongshu.Server.Web;

/// <summary>
/// The web pages: Razor components rendered on the server (no circuit, no framework script),
/// their stylesheet and the front-end libraries the build installs from npm into <c>wwwroot/lib</c>.
/// </summary>
public static class WebPages
{
    public static void AddWebPages(this IServiceCollection services)
    {
        // Chinese goes out as text, not as &#x...; entities: pages stay small and readable.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.AddRazorComponents();
        services.AddSingleton<PortalFigures>();
        services.AddSingleton<Cockpit.CockpitFigures>();
    }

    /// <summary>Static files, then the language choice: both before any page starts its answer. Anti-forgery checks come after authentication.</summary>
    public static void UseWebPages(this WebApplication app)
    {
        var webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(webRoot))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(webRoot) });
        }

        app.Use((context, next) =>
        {
            if (context.Request.Query.ContainsKey("lang") && UiText.Find(context.Request.Query["lang"]) is { } text)
            {
                context.Response.Cookies.Append(UiText.CookieName, text.Lang, new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = context.Request.IsHttps,
                    MaxAge = TimeSpan.FromDays(365),
                    IsEssential = true,
                });
            }

            return next(context);
        });
    }

    public static void MapWebPages(this IEndpointRouteBuilder routes)
        => routes.MapRazorComponents<App>().ExcludeFromDescription();

    /// <summary>This page's address with <c>lang</c> set to <paramref name="lang"/> and every other query value kept.</summary>
    public static string WithLanguage(HttpRequest request, string lang)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new QueryBuilder(request.Query.Where(q => q.Key != "lang")) { { "lang", lang } };
        return request.PathBase + request.Path + query.ToQueryString();
    }
}

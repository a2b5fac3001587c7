using Gongshu.Catalog;
using Gongshu.Directories;
using Gongshu.Server.Catalog;
using Gongshu.Server.Platform;
using Gongshu.Server.Sessions;
using Gongshu.Server.Web.Shared;
using Microsoft.AspNetCore.Components;

namespace Gongshu.Server.Web.Console;

/// <summary>
/// What every console page needs: the request, the platform, the signed-in user as the services
/// see them, the page's language, and the ways a page ends early (404, redirect). Pages say who
/// may open them with <c>[Authorize]</c>; the services still check every object they touch.
/// </summary>
public abstract class ConsolePage : ComponentBase
{
    [CascadingParameter] protected HttpContext HttpContext { get; set; } = null!;

    [Inject] protected PlatformServices Platform { get; set; } = null!;

    [Inject] protected NavigationManager Navigation { get; set; } = null!;

    protected UiText Text => UiText.For(HttpContext);

    protected ConsoleText Words => ConsoleText.For(HttpContext);

    /// <summary>The signed-in user as the catalog, sharing and governance services take it.</summary>
    protected CatalogCaller Caller => HttpContext.Caller();

    protected Actor Actor => HttpContext.Actor();

    protected long UserId => HttpContext.User.UserId() ?? 0;

    protected long OrganizationId => HttpContext.User.OrganizationId() ?? 0;

    protected bool HasRole(Role role) => HttpContext.User.HasRole(role);

    protected CancellationToken Aborted => HttpContext.RequestAborted;

    /// <summary>A form post to this page (the handler runs before the page renders).</summary>
    protected bool IsPost => HttpMethods.IsPost(HttpContext.Request.Method);

    /// <summary>Ends the page with 404: another organization's object looks exactly like a missing one.</summary>
    protected void NotFound() => Navigation.NotFound();

    /// <summary>Runs a read of one object; another department's object ends the page with 404, as a missing one does.</summary>
    protected async Task<TResult?> FindOrNotFoundAsync<TResult>(Func<Task<TResult>> read) where TResult : class
    {
        try
        {
            return await read();
        }
        catch (GongshuException e) when (e.Kind == ErrorKind.NotFound)
        {
            NotFound();
            return null;
        }
    }

    /// <summary>Sends the browser on (303 after a post, so a reload does not post again).</summary>
    protected void Redirect(string url) => Navigation.NavigateTo(url, forceLoad: true);

    /// <summary>A service's refusal as this page words it: a section overrides this for the codes it knows.</summary>
    protected virtual string Describe(GongshuException error) => Words.Describe(error);

    /// <summary>Runs a service call for a form; a <see cref="GongshuException"/> it throws becomes the form's error instead of an error page.</summary>
    protected async Task<bool> TryAsync(FormErrors errors, IReadOnlyCollection<string> formFields, Func<Task> call, IReadOnlyDictionary<string, string>? fieldNames = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            await call();
            return true;
        }
        catch (GongshuException e) when (e.Kind is not ErrorKind.Unavailable)
        {
            errors.Add(e, formFields, fieldNames, Describe);
            return false;
        }
    }
}

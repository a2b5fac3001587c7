using System.Globalization;
using Gongshu.Calendar;
using Gongshu.Catalog;
using Gongshu.Directories;
using Gongshu.Server.Web.Shared;
using Gongshu.Sharing;

namespace Gongshu.Server.Web.Console.Sharing;

/// <summary>
/// What the sharing pages have in common: their strings, and the names behind the ids the
/// sharing services return (resources, departments, users), each read in one batch per page.
/// </summary>
public abstract class SharingPage : ConsolePage
{
    protected SharingText T => SharingText.For(HttpContext);

    /// <summary>Published resources by id; a retired one is missing and shows by its code.</summary>
    protected async Task<IReadOnlyDictionary<long, CatalogResource>> ResourcesAsync(IEnumerable<long> ids)
    {
        var distinct = ids.Distinct().ToList();
        return distinct.Count == 0 ? new Dictionary<long, CatalogResource>()
            : (await Platform.Catalog.GetPublishedAsync(distinct, Aborted)).ToDictionary(r => r.Id);
    }

    protected async Task<IReadOnlyDictionary<long, Organization>> OrganizationsAsync(IEnumerable<long> ids)
        => await Platform.Organizations.FindManyAsync(ids.Distinct().ToList(), Aborted);

    /// <summary>The service's refusal in the page's language where this section knows its code (else as the console words it).</summary>
    protected override string Describe(GongshuException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return T.ErrorText(error.Code, error.Field) ?? base.Describe(error);
    }

    /// <summary>
    /// The application (404 for those who may not see it) with its resource, departments, deciders
    /// and the grades in force; a handful of reads however many decisions it has.
    /// </summary>
    protected async Task<ApplicationContext?> LoadApplicationAsync(long id)
    {
        var application = await FindOrNotFoundAsync(() => Platform.ShareApplications.GetAsync(Caller, id, Aborted));
        if (application is null)
        {
            return null;
        }

        var resource = (await ResourcesAsync([application.ResourceId])).GetValueOrDefault(application.ResourceId);
        var organizations = await OrganizationsAsync(
            application.Decisions.Where(d => d.OrganizationId is not null).Select(d => d.OrganizationId!.Value)
                .Append(application.ProviderId).Append(application.ConsumerOrganizationId));

        // At most one decider per stage, so a few reads; "system" (the compliance check) is no user.
        var deciders = new Dictionary<string, User>(StringComparer.Ordinal);
        foreach (var decider in application.Decisions.Select(d => d.DecidedBy).Distinct())
        {
            if (long.TryParse(decider, NumberStyles.None, CultureInfo.InvariantCulture, out var userId) && await Platform.Users.FindAsync(userId, Aborted) is { } user)
            {
                deciders[decider] = user;
            }
        }

        var grades = resource is null ? new Dictionary<string, Gongshu.Security.DataGrade>()
            : (await Platform.FieldGrading.GradeAsync(resource, Aborted)).Fields.ToDictionary(f => f.Field, f => f.EffectiveGrade, StringComparer.Ordinal);
        return new ApplicationContext(application, resource, organizations, deciders, grades);
    }

    /// <summary>The applications waiting for the caller's decision at <paramref name="states"/>, nearest deadline first, with their names.</summary>
    protected async Task<(IReadOnlyList<ShareApplication> Applications, IReadOnlyDictionary<long, CatalogResource> Resources,
        IReadOnlyDictionary<long, Organization> Organizations)> QueueAsync(params string[] states)
    {
        var waiting = (await Platform.ShareApplications.ListAsync(Caller, awaitingMe: true, limit: QueueLimit, ct: Aborted))
            .Where(a => states.Contains(a.State))
            .OrderBy(a => a.StageDueAt ?? DateTimeOffset.MaxValue).ThenBy(a => a.Id)
            .ToList();
        return (waiting, await ResourcesAsync(waiting.Select(a => a.ResourceId)),
            await OrganizationsAsync(waiting.Select(a => a.ConsumerOrganizationId).Concat(waiting.Select(a => a.ProviderId))));
    }

    /// <summary>The most a queue lists (the service's own ceiling).</summary>
    protected const int QueueLimit = 500;

    protected static string ResourceName(IReadOnlyDictionary<long, CatalogResource> resources, long id, string code)
        => resources.TryGetValue(id, out var resource) ? resource.Version.Metadata.Name : code;

    protected static string OrganizationName(IReadOnlyDictionary<long, Organization> organizations, long id)
        => organizations.TryGetValue(id, out var organization) ? organization.Name : SharingFormat.Id(id);

    protected static string Day(DateOnly day) => SharingFormat.Day(day);

    protected string Number(long value) => Text.Number(value);

    /// <summary>Today in Beijing, the day grants and periods are counted in.</summary>
    protected DateOnly Today => WorkingCalendar.DayOf(Platform.Clock.GetUtcNow());
}

using Gongshu.Audit;
using Gongshu.Directories;
using Gongshu.Server.Http;
using Gongshu.Server.Platform;
using Gongshu.Server.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongshu.Server.Directories;

/// <summary>
/// The organization tree and user accounts. Anyone signed in may read the tree; only platform
/// admins change it. A user list is shown to platform admins and to members of that organization.
/// </summary>
public static class DirectoryApi
{
    public sealed record RegionRequest(string? DivisionCode);

    public sealed record DepartmentRequest(string? ShortCode, string? Name, string? CreditCode);

    public sealed record UserRequest(string? Username, string? DisplayName, long? OrganizationId, IReadOnlyList<string>? Roles, string? Password);

    public sealed record DisabledRequest(bool Disabled);

    public sealed record UserView(long Id, string Username, string DisplayName, long OrganizationId, IReadOnlyList<string> Roles,
        bool Disabled, bool TotpEnabled, DateTimeOffset? LockedUntil, DateTimeOffset? LastSignInAt, DateTimeOffset CreatedAt)
    {
        public static UserView From(User u) => new(u.Id, u.Username, u.DisplayName, u.OrganizationId, u.Roles.Select(r => r.Code()).ToList(),
            u.Disabled, u.TotpEnabled, u.LockedUntil, u.LastSignInAt, u.CreatedAt);
    }

    public static void MapDirectory(this RouteGroupBuilder api)
    {
        var organizations = api.MapGroup("/organizations").WithTags("Directory").RequireAuthorization();
        organizations.MapGet("", ListAsync);
        organizations.MapGet("/{id:long}", GetAsync);
        organizations.MapGet("/{id:long}/users", ListUsersAsync);
        organizations.MapPost("/regions", CreateRegionAsync).RequireAuthorization(SessionAuthentication.PlatformAdminPolicy);
        organizations.MapPost("/{id:long}/departments", CreateDepartmentAsync).RequireAuthorization(SessionAuthentication.PlatformAdminPolicy);

        var users = api.MapGroup("/users").WithTags("Directory").RequireAuthorization(SessionAuthentication.PlatformAdminPolicy);
        users.MapPost("", CreateUserAsync);
        users.MapGet("/{id:long}", GetUserAsync);
        users.MapPost("/{id:long}/unlock", UnlockAsync);
        users.MapPost("/{id:long}/disabled", SetDisabledAsync);
    }

    /// <summary>The top of the tree, or the children of <paramref name="parent"/>.</summary>
    private static async Task<Ok<IReadOnlyList<Organization>>> ListAsync(long? parent, PlatformServices platform, CancellationToken ct)
    {
        if (parent is { } id)
        {
            await platform.Organizations.GetAsync(id, ct);
        }

        return TypedResults.Ok(await platform.Organizations.ListChildrenAsync(parent, ct));
    }

    private static async Task<Ok<Organization>> GetAsync(long id, PlatformServices platform, CancellationToken ct)
        => TypedResults.Ok(await platform.Organizations.GetAsync(id, ct));

    private static async Task<Ok<List<UserView>>> ListUsersAsync(long id, HttpContext context, PlatformServices platform, CancellationToken ct)
    {
        await platform.Organizations.GetAsync(id, ct);
        if (!context.User.HasRole(Role.PlatformAdmin) && context.User.OrganizationId() != id)
        {
            // Another organization's staff list: answer as if it were not there, and record the attempt.
            await platform.AuditLog.AppendAsync(context.Actor().Entry("organization.users", $"organization:{id}", AuditOutcome.Denied,
                new { reason = "other_organization" }), ct);
            throw GongshuException.NotFound($"Organization {id}", "organization_not_found");
        }

        var users = await platform.Users.ListByOrganizationAsync(id, ct);
        return TypedResults.Ok(users.Select(UserView.From).ToList());
    }

    private static async Task<Created<Organization>> CreateRegionAsync(RegionRequest request, HttpContext context, PlatformServices platform, CancellationToken ct)
    {
        var code = SessionApi.Required(request.DivisionCode, "divisionCode", "Give the region's six-digit GB/T 2260 division code.");
        var region = await platform.Organizations.CreateRegionAsync(code, context.Actor(), ct);
        return TypedResults.Created($"/api/organizations/{region.Id}", region);
    }

    private static async Task<Created<Organization>> CreateDepartmentAsync(long id, DepartmentRequest request, HttpContext context, PlatformServices platform, CancellationToken ct)
    {
        var department = await platform.Organizations.CreateDepartmentAsync(id,
            SessionApi.Required(request.ShortCode, "shortCode", "Give the department a short code."),
            SessionApi.Required(request.Name, "name", "Give the department its full name."),
            string.IsNullOrWhiteSpace(request.CreditCode) ? null : request.CreditCode.Trim(),
            context.Actor(), ct);
        return TypedResults.Created($"/api/organizations/{department.Id}", department);
    }

    private static async Task<Created<UserView>> CreateUserAsync(UserRequest request, HttpContext context, PlatformServices platform, CancellationToken ct)
    {
        var organizationId = request.OrganizationId ?? throw GongshuException.Invalid("organizationId", "Choose the user's organization.");
        var roles = (request.Roles ?? []).Select(code => Roles.Parse(code ?? "")).ToList();
        var user = await platform.Users.CreateAsync(
            request.Username ?? "", request.DisplayName ?? "", organizationId, roles,
            SessionApi.Required(request.Password, "password", "Give the user an initial password."), context.Actor(), ct);
        return TypedResults.Created($"/api/users/{user.Id}", UserView.From(user));
    }

    private static async Task<Ok<UserView>> GetUserAsync(long id, PlatformServices platform, CancellationToken ct)
        => TypedResults.Ok(UserView.From(await platform.Users.GetAsync(id, ct)));

    private static async Task<Ok<UserView>> UnlockAsync(long id, HttpContext context, PlatformServices platform, CancellationToken ct)
    {
        await platform.Users.UnlockAsync(id, context.Actor(), ct);
        return TypedResults.Ok(UserView.From(await platform.Users.GetAsync(id, ct)));
    }

    private static async Task<Ok<UserView>> SetDisabledAsync(long id, DisabledRequest request, HttpContext context, PlatformServices platform, CancellationToken ct)
    {
        await platform.Users.SetDisabledAsync(id, request.Disabled, context.Actor(), ct);
        return TypedResults.Ok(UserView.From(await platform.Users.GetAsync(id, ct)));
    }
}

namespace Gongshu.Directories;

/// <summary>
/// Who is asking for a change, for the audit log: a user id, an app key or <c>system</c>
/// (the CLI and the demo-data generator), with their organization and network address.
/// </summary>
public sealed record Actor(string Id, long? OrganizationId = null, string? ClientAddress = null)
{
    public static readonly Actor System = new("system");

    public static Actor ForUser(User user, string? clientAddress = null)
        => new(DirectoryStorage.Text(user.Id), user.OrganizationId, clientAddress);
}

/// <summary>Audit entries written on behalf of an actor, for callers outside the directory (the web layer).</summary>
public static class ActorAudit
{
    public static Gongshu.Audit.AuditEntry Entry(this Actor actor, string action, string? obj,
        Gongshu.Audit.AuditOutcome outcome = Gongshu.Audit.AuditOutcome.Success, object? detail = null)
        => DirectoryStorage.Entry(actor, action, obj, outcome, detail);
}

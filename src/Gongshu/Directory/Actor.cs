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

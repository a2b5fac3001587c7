using Dapper;
using Gongshu.Audit;
using Gongshu.Catalog;
using Gongshu.Directories;
using Gongshu.Storage;

namespace Gongshu.Security.Masking;

/// <summary>A saved policy version: who saved it and when.</summary>
public sealed record SavedMaskingPolicy(int Version, string Fingerprint, long? SavedBy, DateTimeOffset? SavedAt, MaskingPolicy Policy);

/// <summary>
/// The masking policy in force, kept as numbered versions (the highest wins; none saved means
/// <see cref="MaskingPolicy.Default"/>, version 1). Platform admins edit it; a save must name the
/// next version number, so two admins editing at once cannot silently overwrite each other.
/// </summary>
public sealed class MaskingPolicies(Database database, IAuditLog audit, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<SavedMaskingPolicy> CurrentAsync(CancellationToken ct = default)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<PolicyRow>(new CommandDefinition(
            "SELECT version, policy_json AS PolicyJson, fingerprint, created_by AS CreatedBy, created_at AS CreatedAt FROM masking_policies ORDER BY version DESC LIMIT 1",
            cancellationToken: ct));
        return row?.ToSaved() ?? new SavedMaskingPolicy(MaskingPolicy.Default.Version, MaskingPolicy.Default.Fingerprint, null, null, MaskingPolicy.Default);
    }

    /// <summary>Every saved version, newest first (without the built-in default).</summary>
    public async Task<IReadOnlyList<SavedMaskingPolicy>> HistoryAsync(CatalogCaller caller, CancellationToken ct = default)
    {
        RequireReader(caller);
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<PolicyRow>(new CommandDefinition(
            "SELECT version, policy_json AS PolicyJson, fingerprint, created_by AS CreatedBy, created_at AS CreatedAt FROM masking_policies ORDER BY version DESC",
            cancellationToken: ct));
        return rows.Select(r => r.ToSaved()).ToList();
    }

    public async Task<SavedMaskingPolicy> GetAsync(CatalogCaller caller, CancellationToken ct = default)
    {
        RequireReader(caller);
        return await CurrentAsync(ct);
    }

    /// <summary>Validates and saves a new version (platform admins only); audited with its fingerprint.</summary>
    public async Task<SavedMaskingPolicy> SaveAsync(CatalogCaller caller, string json, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.Has(Role.PlatformAdmin))
        {
            throw new GongshuException(ErrorKind.Forbidden, "policy_forbidden", "Only platform admins edit the masking policy.");
        }

        var policy = MaskingPolicy.Parse(json);
        var current = await CurrentAsync(ct);
        if (policy.Version != current.Version + 1)
        {
            throw new GongshuException(ErrorKind.Conflict, "policy_version_conflict",
                $"The policy in force is version {current.Version}; a change must be saved as version {current.Version + 1} (this one says {policy.Version}). "
                + "Reload the policy, apply the change to it and save again.", "version");
        }

        var now = _clock.GetUtcNow();
        await using (var connection = await database.OpenConnectionAsync(ct))
        {
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO masking_policies (version, policy_json, fingerprint, created_by, created_at) VALUES (@Version, @json, @Fingerprint, @userId, @now)",
                    new { policy.Version, json = policy.ToJson(), policy.Fingerprint, userId = caller.UserId, now }, cancellationToken: ct));
            }
            catch (System.Data.Common.DbException e) when (DirectoryStorage.IsUniqueViolation(e))
            {
                throw new GongshuException(ErrorKind.Conflict, "policy_version_conflict",
                    $"Another admin saved version {policy.Version} a moment ago. Reload the policy and apply the change again.", "version");
            }
        }

        await audit.AppendAsync(caller.Actor.Entry("security.masking_policy.saved", $"masking-policy:{policy.Version}", AuditOutcome.Success,
            new { version = policy.Version, fingerprint = policy.Fingerprint, previous = current.Fingerprint, rules = policy.Rules.Count }), CancellationToken.None);
        return new SavedMaskingPolicy(policy.Version, policy.Fingerprint, caller.UserId, now, policy);
    }

    private static void RequireReader(CatalogCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.OverseesAll && !caller.Has(Role.ProviderAdmin))
        {
            throw new GongshuException(ErrorKind.Forbidden, "policy_forbidden", "The masking policy is for platform admins, auditors and provider admins.");
        }
    }

    private sealed class PolicyRow
    {
        public long Version { get; set; }
        public string PolicyJson { get; set; } = "";
        public string Fingerprint { get; set; } = "";
        public long CreatedBy { get; set; }
        public DateTimeOffset CreatedAt { get; set; }

        public SavedMaskingPolicy ToSaved() => new((int)Version, Fingerprint, CreatedBy, CreatedAt, MaskingPolicy.Parse(PolicyJson));
    }
}

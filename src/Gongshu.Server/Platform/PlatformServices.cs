using Gongshu.Audit;
using Gongshu.Catalog;
using Gongshu.Catalog.Search;
using Gongshu.Collection;
using Gongshu.Collection.Schedules;
using Gongshu.Delivery;
using Gongshu.Directories;
using Gongshu.Calendar;
using Gongshu.Governance;
using Gongshu.Governance.Authority;
using Gongshu.Governance.Tickets;
using Gongshu.Opening;
using Gongshu.Security;
using Gongshu.Security.Encryption;
using Gongshu.Security.Grading;
using Gongshu.Security.Masking;
using Gongshu.Sharing;
using Gongshu.Sharing.Gateway;
using Gongshu.Sharing.Query;
using Gongshu.Storage;

namespace Gongshu.Server.Platform;

/// <summary>
/// The storage, keys and audit log one process runs on, opened once by whichever verb needs them.
/// </summary>
public sealed class PlatformServices : IAsyncDisposable
{
    private PlatformServices(PlatformSettings settings, Database database, KeyStore keys, FieldEncryption fieldEncryption, AuditLog auditLog, TimeProvider clock)
    {
        FieldEncryption = fieldEncryption;
        Settings = settings;
        Clock = clock;
        Database = database;
        Keys = keys;
        AuditLog = auditLog;
        Organizations = new OrganizationService(database, auditLog, clock);
        Users = new UserService(database, auditLog, clock);
        Totp = new TotpService(database, keys, auditLog, clock);
        Authentication = new AuthenticationService(database, Totp, auditLog, clock);
        Credentials = new CredentialService(database, keys, auditLog, clock);
        Signatures = new SignatureVerifier(database, keys, auditLog, clock);
        Credentials.Revoked += Signatures.Forget;
        CatalogSearch = new CatalogSearchIndex(database);
        Catalog = new CatalogService(database, auditLog, CatalogSearch, clock);
        FieldGrading = new FieldGrading(database, Catalog, fieldEncryption, auditLog, clock);
        QualityRules = new QualityRules(database, Catalog, fieldEncryption, auditLog, clock);
        QualityTickets = new QualityTickets(database, Catalog, QualityRules, fieldEncryption, keys, auditLog, clock);
        Calendar = new WorkingCalendars(database, auditLog, clock);
        ShareApplications = new ShareApplications(database, Catalog, FieldGrading, keys, auditLog, Calendar, clock);
        ShareGrants = new ShareGrants(database, Credentials, auditLog, clock);
        AuthoritativeSources = new AuthoritativeSources(database, Catalog, fieldEncryption, auditLog, clock);
        Collection = new CollectionService(database, Catalog, auditLog, FieldGrading, fieldEncryption, QualityRules, clock);
        CollectionSources = new CollectionSources(database, Collection, Users, keys, auditLog, clock);
        MaskingPolicies = new MaskingPolicies(database, auditLog, clock);
        OpenApplications = new OpenApplications(database, Catalog, auditLog, clock);
        Delivery = new DatasetDelivery(database, Catalog, FieldGrading, fieldEncryption, MaskingPolicies, keys.DeriveKey("gongshu/masking/pseudonym"), auditLog, clock,
            OpenApplications);
        GatewayCalls = new GatewayCallLog(database);
        GatewayStatistics = new GatewayStatistics(database, clock);
        Gateway = new GatewayService(database, ShareGrants, Catalog, FieldGrading, fieldEncryption, MaskingPolicies, keys.DeriveKey("gongshu/masking/pseudonym"),
            new DatasetQuery(database, fieldEncryption, keys.DeriveKey(DatasetQuery.CursorKeyPurpose)), auditLog, GatewayCalls, clock);
    }

    public PlatformSettings Settings { get; }

    /// <summary>The platform's clock; tests replace it to step through TOTP windows and signature times.</summary>
    public TimeProvider Clock { get; }

    public Database Database { get; }

    public KeyStore Keys { get; }

    public AuditLog AuditLog { get; }

    /// <summary>Encryption at rest of L4 fields; opening it checked the field keys against the database.</summary>
    public FieldEncryption FieldEncryption { get; }

    public FieldGrading FieldGrading { get; }

    public MaskingPolicies MaskingPolicies { get; }

    /// <summary>Quality rules per resource, checked inline on every load.</summary>
    public QualityRules QualityRules { get; }

    /// <summary>Problem tickets back to the providers, and 整改率.</summary>
    public QualityTickets QualityTickets { get; }

    /// <summary>Share applications, their review and deadlines.</summary>
    public ShareApplications ShareApplications { get; }

    /// <summary>The gateway that serves grants' data.</summary>
    public GatewayService Gateway { get; }

    /// <summary>The gateway's figures: success rate, latency percentiles, calls per consumer and resource.</summary>
    public GatewayStatistics GatewayStatistics { get; }

    /// <summary>Statistics rows of gateway calls, written in the background.</summary>
    public GatewayCallLog GatewayCalls { get; }

    /// <summary>Grants and their credentials.</summary>
    public ShareGrants ShareGrants { get; }

    /// <summary>Working days for every deadline.</summary>
    public WorkingCalendars Calendar { get; }

    /// <summary>一数一源: each data element's authority, its copies and where they disagree.</summary>
    public AuthoritativeSources AuthoritativeSources { get; }

    /// <summary>Restricted-open applications of the public (受限开放) and the downloads they allow.</summary>
    public OpenApplications OpenApplications { get; }

    /// <summary>Previews and exports, masked by channel.</summary>
    public DatasetDelivery Delivery { get; }

    public OrganizationService Organizations { get; }

    public UserService Users { get; }

    public TotpService Totp { get; }

    public AuthenticationService Authentication { get; }

    public CredentialService Credentials { get; }

    public SignatureVerifier Signatures { get; }

    public CatalogService Catalog { get; }

    public CatalogSearchIndex CatalogSearch { get; }

    public CollectionService Collection { get; }

    public CollectionSources CollectionSources { get; }

    /// <summary>
    /// Opens the database and keys. The embedded default migrates itself; PostgreSQL must be
    /// migrated with <c>gongshu db migrate</c> first (several nodes must not race to do it).
    /// </summary>
    public static async Task<PlatformServices> OpenAsync(PlatformSettings settings, bool migrate, CancellationToken ct = default, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        var database = Database.Open(settings.Connection, settings.DataDirectory);
        try
        {
            if (migrate || database.Kind == DatabaseKind.Sqlite)
            {
                await Migrator.MigrateAsync(database, ct);
            }
            else
            {
                await EnsureMigratedAsync(database, ct);
            }

            // New keys only for a new platform: generating them for a database that already holds
            // sealed secrets and signed checkpoints would make both unreadable.
            var keys = KeyStore.Open(KeyStore.DefaultDirectory(settings.DataDirectory), createMissing: await IsNewAsync(database, ct));
            var fieldEncryption = await FieldEncryption.OpenAsync(database, FieldKeyring.Open(keys.Directory), keys, clock, ct);
            var auditLog = new AuditLog(database, keys, clock);
            return new PlatformServices(settings, database, keys, fieldEncryption, auditLog, clock);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    private static async Task<bool> IsNewAsync(Database database, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM audit_log LIMIT 1";
        return await command.ExecuteScalarAsync(ct) is null;
    }

    private static async Task EnsureMigratedAsync(Database database, CancellationToken ct)
    {
        var pending = await Migrator.PendingAsync(database, ct);
        if (pending.Count > 0)
        {
            throw new GongshuException(ErrorKind.Unavailable, "migrations_pending",
                $"The database at {database.DisplayName} needs migrations {string.Join(", ", pending)}. Run `gongshu db migrate --db ...` first.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await GatewayCalls.DisposeAsync();
        await Signatures.DisposeAsync();
        await AuditLog.DisposeAsync();
        await Database.DisposeAsync();
    }
}

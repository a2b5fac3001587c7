using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using Gongshu.Audit;
using Gongshu.Identifiers;
using Gongshu.Storage;

namespace Gongshu.Directories;

/// <summary>A region government (by division level) or a department (部门) under any organization.</summary>
public enum OrganizationKind
{
    Province,
    City,
    County,
    Department,
}

/// <summary>
/// One node of the organization tree. <see cref="DivisionCode"/> is the region's own code, or for
/// a department the code of the region it sits in. <see cref="ShortCode"/> is the division code
/// for regions and a slug (e.g. <c>gat</c>) for departments, unique among siblings.
/// </summary>
public sealed record Organization(
    long Id,
    long? ParentId,
    OrganizationKind Kind,
    string DivisionCode,
    string ShortCode,
    string Name,
    string? CreditCode,
    DateTimeOffset CreatedAt);

/// <summary>
/// The organization tree: province → city → county by GB/T 2260 code, departments under any of
/// them. Each row keeps its materialized path (<c>/1/5/9/</c>) so "this organization and
/// everything below it" is one indexed prefix query.
/// </summary>
public sealed partial class OrganizationService(Database database, IAuditLog audit, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>
    /// Creates the government of a division: the name comes from the list, the parent is the
    /// organization of the parent division (the province, when the city level is only a grouping).
    /// </summary>
    public Task<Organization> CreateRegionAsync(string divisionCode, Actor actor, CancellationToken ct = default)
        => audit.AuditFailureAsync(actor, "organization.create", null, () => CreateRegionCoreAsync(divisionCode, actor, ct), ct);

    /// <summary>
    /// Creates a department (e.g. 浙江省公安厅) under <paramref name="parentId"/>. The short code is a
    /// lower-case slug unique among the parent's children; the credit code is optional and checked.
    /// </summary>
    public Task<Organization> CreateDepartmentAsync(long parentId, string shortCode, string name, string? creditCode, Actor actor, CancellationToken ct = default)
        => audit.AuditFailureAsync(actor, "organization.create", null, () => CreateDepartmentCoreAsync(parentId, shortCode, name, creditCode, actor, ct), ct);

    public async Task<Organization?> FindAsync(long id, CancellationToken ct = default)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        return (await FindRowAsync(connection, id, ct))?.ToOrganization();
    }

    /// <summary>The organizations with these ids, by id, read with one query; ids that name none are left out.</summary>
    public async Task<IReadOnlyDictionary<long, Organization>> FindManyAsync(IEnumerable<long> ids, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var wanted = ids.Distinct().ToArray();
        if (wanted.Length == 0)
        {
            return new Dictionary<long, Organization>();
        }

        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);

        // Dapper hands a list to Npgsql as one array parameter, and expands it for SQLite.
        var match = database.Kind == DatabaseKind.Postgres ? "id = ANY(@wanted)" : "id IN @wanted";
        var rows = await connection.QueryAsync<OrganizationRow>(new CommandDefinition(
            $"{SelectColumns} WHERE {match}", new { wanted }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Id, r => r.ToOrganization());
    }

    /// <summary>The organization, or a 404 <c>organization_not_found</c>.</summary>
    public async Task<Organization> GetAsync(long id, CancellationToken ct = default)
        => await FindAsync(id, ct) ?? throw GongshuException.NotFound($"Organization {id}", "organization_not_found");

    /// <summary>The region organization of a division code, if it has been created.</summary>
    public async Task<Organization?> FindRegionAsync(string divisionCode, CancellationToken ct = default)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<OrganizationRow>(new CommandDefinition($"""
            {SelectColumns} WHERE division_code = @divisionCode AND kind <> 'department'
            """, new { divisionCode }, cancellationToken: ct));
        return row?.ToOrganization();
    }

    /// <summary>The organizations directly below <paramref name="parentId"/> (top-level ones when null), regions first.</summary>
    public async Task<IReadOnlyList<Organization>> ListChildrenAsync(long? parentId, CancellationToken ct = default)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        var where = parentId is null ? "parent_id IS NULL" : "parent_id = @parentId";
        var rows = await connection.QueryAsync<OrganizationRow>(new CommandDefinition($"""
            {SelectColumns}
            WHERE {where}
            ORDER BY CASE WHEN kind = 'department' THEN 1 ELSE 0 END, division_code, short_code
            """, new { parentId }, cancellationToken: ct));
        return rows.Select(r => r.ToOrganization()).ToList();
    }

    /// <summary>The ids of <paramref name="id"/> and every organization below it (empty when unknown).</summary>
    public async Task<IReadOnlyList<long>> GetSubtreeIdsAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var ids = await connection.QueryAsync<long>(new CommandDefinition("""
            SELECT o.id FROM organizations o
            JOIN organizations root ON root.id = @id
            WHERE o.path LIKE root.path || '%'
            ORDER BY o.id
            """, new { id }, cancellationToken: ct));
        return ids.ToList();
    }

    /// <summary>
    /// True when <paramref name="id"/> is <paramref name="ancestorId"/> or lies below it: the
    /// "my county and below" check. Unknown ids are never within anything.
    /// </summary>
    public async Task<bool> IsWithinAsync(long id, long ancestorId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var path = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT path FROM organizations WHERE id = @id", new { id }, cancellationToken: ct));

        // A path lists only ids that exist (organizations are never deleted), so the text check is enough.
        return path is not null && path.Contains($"/{DirectoryStorage.Text(ancestorId)}/", StringComparison.Ordinal);
    }

    private async Task<Organization> CreateRegionCoreAsync(string divisionCode, Actor actor, CancellationToken ct)
    {
        var division = Divisions.Standard.Get(divisionCode);
        if (division.IsGrouping)
        {
            throw GongshuException.Invalid("divisionCode",
                $"{division.Code} {division.Name} is a statistical grouping, not a government; create its counties under {Divisions.Standard.Find(division.ProvinceCode)?.Name} directly.",
                "division_is_grouping");
        }

        var kind = division.Level switch
        {
            DivisionLevel.Province => OrganizationKind.Province,
            DivisionLevel.City => OrganizationKind.City,
            _ => OrganizationKind.County,
        };

        Division? parentDivision = division.ParentCode is { } p ? Divisions.Standard.Find(p) : null;
        if (parentDivision is { IsGrouping: true })
        {
            parentDivision = Divisions.Standard.Find(division.ProvinceCode);
        }

        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        OrganizationRow? parent = null;
        if (parentDivision is not null)
        {
            parent = await connection.QuerySingleOrDefaultAsync<OrganizationRow>(new CommandDefinition($"""
                {SelectColumns} WHERE division_code = @Code AND kind <> 'department'
                """, new { parentDivision.Code }, cancellationToken: ct))
                ?? throw new GongshuException(ErrorKind.NotFound, "parent_not_found",
                    $"Create the organization of {parentDivision.Name} ({parentDivision.Code}) before {division.Name}.", "divisionCode");
        }

        var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM organizations WHERE division_code = @Code AND kind <> 'department'", new { division.Code }, cancellationToken: ct));
        if (exists > 0)
        {
            throw Exists("divisionCode", $"The organization of {division.Name} ({division.Code}) already exists.");
        }

        var organization = await InsertAsync(connection, parent, kind, division.Code, division.Code, division.Name, null, ct);
        await audit.AppendAsync(DirectoryStorage.Entry(actor, "organization.create", ObjectName(organization.Id),
            detail: new { kind = "region", division.Code, division.Name }), ct);
        return organization;
    }

    private async Task<Organization> CreateDepartmentCoreAsync(long parentId, string shortCode, string name, string? creditCode, Actor actor, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(shortCode) || !ShortCodePattern().IsMatch(shortCode))
        {
            throw GongshuException.Invalid("shortCode",
                "The short code must be 2–32 characters: lower-case letters, digits and '-', starting with a letter (e.g. 'gat').");
        }

        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            throw GongshuException.Invalid("name", "The department name is required and at most 100 characters.");
        }

        creditCode = string.IsNullOrWhiteSpace(creditCode) ? null : creditCode.Trim().ToUpperInvariant();
        if (creditCode is not null && !CreditCode.IsValid(creditCode))
        {
            throw GongshuException.Invalid("creditCode",
                $"'{creditCode}' is not a valid unified social credit code (18 characters, GB 32100 check character).", "invalid_credit_code");
        }

        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        var parent = await FindRowAsync(connection, parentId, ct)
            ?? throw new GongshuException(ErrorKind.NotFound, "parent_not_found", $"Parent organization {parentId} was not found.", "parentId");

        var clash = await connection.QueryFirstOrDefaultAsync<string>(new CommandDefinition("""
            SELECT CASE WHEN parent_id = @parentId AND short_code = @shortCode THEN 'shortCode'
                        WHEN parent_id = @parentId AND name = @name THEN 'name'
                        ELSE 'creditCode' END
            FROM organizations
            WHERE (parent_id = @parentId AND (short_code = @shortCode OR name = @name)) OR credit_code = @creditCode
            """, new { parentId, shortCode, name, creditCode }, cancellationToken: ct));
        if (clash is not null)
        {
            throw Exists(clash, $"An organization with this {clash} already exists under {parent.Name}.");
        }

        var organization = await InsertAsync(connection, parent, OrganizationKind.Department, parent.DivisionCode, shortCode, name, creditCode, ct);
        await audit.AppendAsync(DirectoryStorage.Entry(actor, "organization.create", ObjectName(organization.Id),
            detail: new { kind = "department", parentId, shortCode, name }), ct);
        return organization;
    }

    internal static string ObjectName(long id) => $"organization:{DirectoryStorage.Text(id)}";

    private const string SelectColumns = """
        SELECT id, parent_id AS ParentId, kind, division_code AS DivisionCode, short_code AS ShortCode, name,
               credit_code AS CreditCode, path, created_at AS CreatedAt
        FROM organizations
        """;

    private static GongshuException Exists(string field, string message)
        => new(ErrorKind.Conflict, "organization_exists", message, field);

    private static async Task<OrganizationRow?> FindRowAsync(DbConnection connection, long id, CancellationToken ct)
        => await connection.QuerySingleOrDefaultAsync<OrganizationRow>(new CommandDefinition(
            $"{SelectColumns} WHERE id = @id", new { id }, cancellationToken: ct));

    private async Task<Organization> InsertAsync(
        DbConnection connection, OrganizationRow? parent, OrganizationKind kind, string divisionCode, string shortCode, string name, string? creditCode, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        await using var tx = await connection.BeginTransactionAsync(ct);
        long id;
        try
        {
            // The path needs the new id, so it is written in a second statement of the same transaction.
            id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
                INSERT INTO organizations (parent_id, kind, division_code, short_code, name, credit_code, path, created_at)
                VALUES (@ParentId, @Kind, @divisionCode, @shortCode, @name, @creditCode, '', @now)
                RETURNING id
                """, new { ParentId = parent?.Id, Kind = KindText(kind), divisionCode, shortCode, name, creditCode, now }, tx, cancellationToken: ct));
        }
        catch (DbException e) when (DirectoryStorage.IsUniqueViolation(e))
        {
            throw Exists(kind == OrganizationKind.Department ? "shortCode" : "divisionCode", $"The organization {name} already exists.");
        }

        var path = $"{parent?.Path ?? "/"}{DirectoryStorage.Text(id)}/";
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE organizations SET path = @path WHERE id = @id", new { path, id }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return new Organization(id, parent?.Id, kind, divisionCode, shortCode, name, creditCode, now);
    }

    private static string KindText(OrganizationKind kind) => kind switch
    {
        OrganizationKind.Province => "province",
        OrganizationKind.City => "city",
        OrganizationKind.County => "county",
        _ => "department",
    };

    [GeneratedRegex("^[a-z][a-z0-9-]{1,31}$")]
    private static partial Regex ShortCodePattern();

    private sealed class OrganizationRow
    {
        public long Id { get; set; }
        public long? ParentId { get; set; }
        public string Kind { get; set; } = "";
        public string DivisionCode { get; set; } = "";
        public string ShortCode { get; set; } = "";
        public string Name { get; set; } = "";
        public string? CreditCode { get; set; }
        public string Path { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }

        public Organization ToOrganization() => new(Id, ParentId, Kind switch
        {
            "province" => OrganizationKind.Province,
            "city" => OrganizationKind.City,
            "county" => OrganizationKind.County,
            _ => OrganizationKind.Department,
        }, DivisionCode, ShortCode, Name, CreditCode, CreatedAt);
    }
}

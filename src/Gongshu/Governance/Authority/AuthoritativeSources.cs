using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Gongshu.Audit;
using Gongshu.Catalog;
using Gongshu.Directories;
using Gongshu.Security.Encryption;
using Gongshu.Storage;

namespace Gongshu.Governance.Authority;

/// <summary>
/// 一数一源: the register of data elements (数据元), each with exactly one authoritative source and
/// the copies other resources carry, and the report of where those copies disagree with it.
/// Platform admins keep the register; a provider's admins register their own resources' copies.
/// </summary>
public sealed partial class AuthoritativeSources(Database database, CatalogService catalog, FieldEncryption encryption, IAuditLog audit, TimeProvider? clock = null)
{
    /// <summary>Disagreements kept per copy in a report.</summary>
    public const int SamplesPerCopy = 20;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Every element with its authority and copies, by code: for any government user (knowing the authority is the point).</summary>
    public async Task<IReadOnlyList<DataElement>> ListAsync(CatalogCaller caller, CancellationToken ct = default)
    {
        RequireReader(caller);
        return await ReadAsync(null, ct);
    }

    public async Task<DataElement> GetAsync(CatalogCaller caller, long elementId, CancellationToken ct = default)
    {
        RequireReader(caller);
        return await RequireElementAsync(elementId, ct);
    }

    /// <summary>Registers an element and its one authority (platform admins).</summary>
    public async Task<DataElement> RegisterAsync(CatalogCaller caller, NewDataElement element, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(element);
        RequirePlatformAdmin(caller, "Only platform admins register data elements and name their authority.");
        var code = Required(element.Code, "code");
        if (code.Length > 64 || !ElementCode().IsMatch(code))
        {
            throw GongshuException.Invalid("code", $"'{code}' is not an element code: lower-case words of letters, digits and '_' joined by dots, e.g. person.name (at most 64 characters).", "invalid_code");
        }

        var name = RequiredName(element.Name);
        var (_, authority) = await RequireSourceAsync(caller, element.Resource, element.KeyField, element.ValueField, ct);
        var now = _clock.GetUtcNow();
        long id;
        await using (var connection = await database.OpenConnectionAsync(ct))
        {
            try
            {
                id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
                    INSERT INTO authority_elements (code, name, resource_id, resource_code, key_field, value_field, created_by, created_at, updated_by, updated_at)
                    VALUES (@code, @name, @ResourceId, @Resource, @KeyField, @ValueField, @userId, @now, @userId, @now)
                    RETURNING id
                    """, new { code, name, authority.ResourceId, authority.Resource, authority.KeyField, authority.ValueField, userId = caller.UserId, now },
                    cancellationToken: ct));
            }
            catch (DbException e) when (DirectoryStorage.IsUniqueViolation(e))
            {
                throw new GongshuException(ErrorKind.Conflict, "element_exists", $"A data element with code {code} is already registered.", "code");
            }
        }

        await audit.AppendAsync(caller.Actor.Entry("governance.authority.registered", ObjectName(id), AuditOutcome.Success,
            new { code, name, authority = Describe(authority) }), CancellationToken.None);
        return await RequireElementAsync(id, ct);
    }

    /// <summary>
    /// Renames an element or names another authority for it (platform admins): an explicit change,
    /// audited with the authority before and after.
    /// </summary>
    public async Task<DataElement> ChangeAsync(CatalogCaller caller, long elementId, DataElementChange change, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        RequirePlatformAdmin(caller, "Only platform admins change an element's authority.");
        var before = await RequireElementAsync(elementId, ct);
        var name = RequiredName(change.Name);
        var (_, authority) = await RequireSourceAsync(caller, change.Resource, change.KeyField, change.ValueField, ct);
        if (before.Copies.FirstOrDefault(c => c.Source.ResourceId == authority.ResourceId) is { } copy)
        {
            throw new GongshuException(ErrorKind.Conflict, "authority_is_copy",
                $"Resource {authority.Resource} is registered as a copy of {before.Code} (copy {copy.Id}); remove that copy before naming it the authority.", "resource");
        }

        if (name == before.Name && authority == before.Authority)
        {
            return before;
        }

        await using (var connection = await database.OpenConnectionAsync(ct))
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE authority_elements SET name = @name, resource_id = @ResourceId, resource_code = @Resource, key_field = @KeyField,
                       value_field = @ValueField, updated_by = @userId, updated_at = @now
                WHERE id = @elementId
                """, new { name, authority.ResourceId, authority.Resource, authority.KeyField, authority.ValueField, userId = caller.UserId, now = _clock.GetUtcNow(), elementId },
                cancellationToken: ct));
        }

        await audit.AppendAsync(caller.Actor.Entry("governance.authority.changed", ObjectName(elementId), AuditOutcome.Success, new
        {
            code = before.Code,
            before = new { name = before.Name, authority = Describe(before.Authority) },
            after = new { name, authority = Describe(authority) },
        }), CancellationToken.None);
        return await RequireElementAsync(elementId, ct);
    }

    /// <summary>Registers a resource carrying a copy of the element: platform admins, or the admins of the copy's provider.</summary>
    public async Task<ElementCopy> AddCopyAsync(CatalogCaller caller, long elementId, NewElementCopy copy, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(copy);
        var element = await RequireElementAsync(elementId, ct);
        if (!caller.Has(Role.PlatformAdmin) && !caller.Has(Role.ProviderAdmin))
        {
            throw Forbidden("Only platform admins and a provider's admins register copies of a data element.");
        }

        var (resource, source) = await RequireSourceAsync(caller, copy.Resource, copy.KeyField, copy.ValueField, ct);
        if (!caller.ManagesDataOf(resource.ProviderId))
        {
            throw Forbidden($"Resource {resource.Code} is another department's: its own admins register it as a copy.");
        }

        if (source.ResourceId == element.Authority.ResourceId)
        {
            throw GongshuException.Invalid("resource", $"Resource {source.Resource} is the authority of {element.Code}, not a copy of it.", "copy_is_authority");
        }

        var now = _clock.GetUtcNow();
        long id;
        await using (var connection = await database.OpenConnectionAsync(ct))
        {
            try
            {
                id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
                    INSERT INTO authority_copies (element_id, resource_id, resource_code, provider_id, key_field, value_field, created_by, created_at)
                    VALUES (@elementId, @ResourceId, @Resource, @providerId, @KeyField, @ValueField, @userId, @now)
                    RETURNING id
                    """, new { elementId, source.ResourceId, source.Resource, providerId = resource.ProviderId, source.KeyField, source.ValueField, userId = caller.UserId, now },
                    cancellationToken: ct));
            }
            catch (DbException e) when (DirectoryStorage.IsUniqueViolation(e))
            {
                throw new GongshuException(ErrorKind.Conflict, "copy_exists",
                    $"Field {source.ValueField} of resource {source.Resource} is already registered as a copy of {element.Code}.", "resource");
            }
        }

        await audit.AppendAsync(caller.Actor.Entry("governance.authority.copy_added", ObjectName(elementId), AuditOutcome.Success,
            new { code = element.Code, copy = id, source = Describe(source) }), CancellationToken.None);
        return new ElementCopy(id, resource.ProviderId, source, caller.UserId, now);
    }

    /// <summary>Removes a copy from the register: platform admins, or the admins of the copy's provider.</summary>
    public async Task RemoveCopyAsync(CatalogCaller caller, long elementId, long copyId, CancellationToken ct = default)
    {
        var element = await RequireElementAsync(elementId, ct);
        var copy = element.Copies.FirstOrDefault(c => c.Id == copyId)
            ?? throw GongshuException.NotFound($"Copy {copyId} of data element {elementId}", "copy_not_found");
        if (!caller.ManagesDataOf(copy.ProviderId))
        {
            throw Forbidden("Only platform admins and the copy's own provider admins remove it from the register.");
        }

        await using (var connection = await database.OpenConnectionAsync(ct))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM authority_copies WHERE id = @copyId AND element_id = @elementId", new { copyId, elementId }, cancellationToken: ct));
        }

        await audit.AppendAsync(caller.Actor.Entry("governance.authority.copy_removed", ObjectName(elementId), AuditOutcome.Success,
            new { code = element.Code, copy = copyId, source = Describe(copy.Source) }), CancellationToken.None);
    }

    internal static string ObjectName(long elementId) => $"authority-element:{elementId.ToString(CultureInfo.InvariantCulture)}";

    private static object Describe(ElementSource source) => new { resource = source.Resource, keyField = source.KeyField, valueField = source.ValueField };

    private static void RequireReader(CatalogCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Roles.All(r => r == Role.Public))
        {
            throw Forbidden("The register of data elements is for government users.");
        }
    }

    private static void RequirePlatformAdmin(CatalogCaller caller, string message)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.Has(Role.PlatformAdmin))
        {
            throw Forbidden(message);
        }
    }

    private static GongshuException Forbidden(string message) => new(ErrorKind.Forbidden, "authority_forbidden", message);

    private static string Required(string? value, string field)
        => string.IsNullOrWhiteSpace(value) ? throw GongshuException.Invalid(field, $"'{field}' is required.", "required") : value.Trim();

    private static string RequiredName(string? value)
    {
        var name = Required(value, "name");
        return name.Length <= 100 ? name : throw GongshuException.Invalid("name", "An element's name is at most 100 characters.", "name_too_long");
    }

    /// <summary>A published resource, by code, and two different fields of its catalog entry.</summary>
    private async Task<(CatalogResource Resource, ElementSource Source)> RequireSourceAsync(CatalogCaller caller, string? resourceCode, string? keyField, string? valueField, CancellationToken ct)
    {
        var code = Required(resourceCode, "resource");
        var key = Required(keyField, "keyField");
        var value = Required(valueField, "valueField");
        var resource = await PublishedAsync(caller, code, ct)
            ?? throw GongshuException.Invalid("resource", $"'{code}' is not the code of a published resource.", "unknown_resource");
        var fields = resource.Version.Metadata.Fields.Select(f => f.Name).ToList();
        foreach (var (field, name) in new[] { ("keyField", key), ("valueField", value) })
        {
            if (!fields.Contains(name, StringComparer.Ordinal))
            {
                throw GongshuException.Invalid(field, $"Resource {resource.Code} has no field '{name}'; its fields are {string.Join(", ", fields)}.", "unknown_field");
            }
        }

        if (key == value)
        {
            throw GongshuException.Invalid("valueField", $"The value field must differ from the key field '{key}': a record is found by one and compared on the other.", "same_field");
        }

        return (resource, new ElementSource(resource.Id, resource.Code, key, value));
    }

    private async Task<CatalogResource?> PublishedAsync(CatalogCaller caller, string code, CancellationToken ct)
    {
        if (await catalog.FindIdByCodeAsync(code, ct) is not { } id)
        {
            return null;
        }

        try
        {
            return await catalog.GetAsync(caller, id, CatalogView.Published, ct);
        }
        catch (GongshuException e) when (e.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    private async Task<DataElement> RequireElementAsync(long elementId, CancellationToken ct)
        => (await ReadAsync(elementId, ct)).SingleOrDefault() ?? throw GongshuException.NotFound($"Data element {elementId}", "element_not_found");

    private async Task<IReadOnlyList<DataElement>> ReadAsync(long? elementId, CancellationToken ct)
    {
        DapperSetup.EnsureConfigured();
        var where = elementId is null ? "" : "WHERE e.id = @elementId";
        await using var connection = await database.OpenConnectionAsync(ct);
        var elements = await connection.QueryAsync<ElementRow>(new CommandDefinition($"""
            SELECT id, code, name, resource_id AS ResourceId, resource_code AS ResourceCode, key_field AS KeyField, value_field AS ValueField,
                   created_by AS CreatedBy, created_at AS CreatedAt, updated_by AS UpdatedBy, updated_at AS UpdatedAt
            FROM authority_elements e {where} ORDER BY code
            """, new { elementId }, cancellationToken: ct));
        var copies = (await connection.QueryAsync<CopyRow>(new CommandDefinition($"""
            SELECT c.id, c.element_id AS ElementId, c.resource_id AS ResourceId, c.resource_code AS ResourceCode, c.provider_id AS ProviderId,
                   c.key_field AS KeyField, c.value_field AS ValueField, c.created_by AS CreatedBy, c.created_at AS CreatedAt
            FROM authority_copies c JOIN authority_elements e ON e.id = c.element_id {where} ORDER BY c.id
            """, new { elementId }, cancellationToken: ct))).ToLookup(c => c.ElementId);
        return elements.Select(e => new DataElement(e.Id, e.Code, e.Name, new ElementSource(e.ResourceId, e.ResourceCode, e.KeyField, e.ValueField),
                copies[e.Id].Select(c => new ElementCopy(c.Id, c.ProviderId, new ElementSource(c.ResourceId, c.ResourceCode, c.KeyField, c.ValueField), c.CreatedBy, c.CreatedAt)).ToList(),
                e.CreatedBy, e.CreatedAt, e.UpdatedBy, e.UpdatedAt))
            .ToList();
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$")]
    private static partial Regex ElementCode();

    private sealed class ElementRow
    {
        public long Id { get; set; }
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public long ResourceId { get; set; }
        public string ResourceCode { get; set; } = "";
        public string KeyField { get; set; } = "";
        public string ValueField { get; set; } = "";
        public long CreatedBy { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public long UpdatedBy { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
    }

    private sealed class CopyRow
    {
        public long Id { get; set; }
        public long ElementId { get; set; }
        public long ResourceId { get; set; }
        public string ResourceCode { get; set; } = "";
        public long ProviderId { get; set; }
        public string KeyField { get; set; } = "";
        public string ValueField { get; set; } = "";
        public long CreatedBy { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
    }
}

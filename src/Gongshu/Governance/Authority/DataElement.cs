namespace Gongshu.Governance.Authority;

/// <summary>
/// Where a data element's values are kept in one resource: the published resource (by code), the
/// field that identifies a record there (e.g. <c>id_number</c>) and the field that holds the
/// element (e.g. <c>name</c>).
/// </summary>
public sealed record ElementSource(long ResourceId, string Resource, string KeyField, string ValueField);

/// <summary>A resource that carries a copy of the element; its provider answers for keeping it in step with the authority.</summary>
public sealed record ElementCopy(long Id, long ProviderId, ElementSource Source, long AddedBy, DateTimeOffset AddedAt);

/// <summary>
/// A data element (数据元) and its one authoritative source (一数一源), with the copies registered
/// elsewhere.
/// </summary>
public sealed record DataElement(long Id, string Code, string Name, ElementSource Authority, IReadOnlyList<ElementCopy> Copies,
    long CreatedBy, DateTimeOffset CreatedAt, long UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>A data element to register: its code (e.g. <c>person.name</c>), Chinese name and authority.</summary>
public sealed record NewDataElement(string? Code, string? Name, string? Resource, string? KeyField, string? ValueField);

/// <summary>A registered element's new name and authority, all given: the change is explicit.</summary>
public sealed record DataElementChange(string? Name, string? Resource, string? KeyField, string? ValueField);

/// <summary>A resource carrying a copy of the element, and its key and value fields.</summary>
public sealed record NewElementCopy(string? Resource, string? KeyField, string? ValueField);

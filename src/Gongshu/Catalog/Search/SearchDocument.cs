using System.Data.Common;

namespace Gongshu.Catalog.Search;

/// <summary>
/// What the catalog search knows of one published resource: the text it matches and the values
/// it facets on. The catalog writes one whenever a version is published and removes it when the
/// resource is retired, in the same transaction as the change.
/// </summary>
public sealed record SearchDocument
{
    public required long ResourceId { get; init; }

    /// <summary>信息资源代码, e.g. <c>101001/00001</c>.</summary>
    public required string Code { get; init; }

    public required string Name { get; init; }

    public required string Summary { get; init; }

    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Every field's name and Chinese label (信息项).</summary>
    public IReadOnlyList<string> FieldLabels { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    public required long ProviderId { get; init; }

    public required string ProviderName { get; init; }

    /// <summary>GB/T 2260 code of the provider's region.</summary>
    public required string DivisionCode { get; init; }

    /// <summary>The 类 code (1 基础, 2 主题, 3 部门) and the full classification code, e.g. <c>101001</c>.</summary>
    public required string ClassificationCode { get; init; }

    /// <summary><c>unconditional</c>, <c>conditional</c> or <c>none</c> (无条件/有条件/不予共享).</summary>
    public required string ShareType { get; init; }

    /// <summary><c>open</c>, <c>restricted</c> or <c>closed</c> (无条件开放/受限开放/禁止开放).</summary>
    public required string OpenType { get; init; }

    /// <summary>The resource's grade, the highest of its fields: <c>L1</c>–<c>L4</c>.</summary>
    public required string Grade { get; init; }

    /// <summary>信息资源格式 code, e.g. <c>spreadsheet</c>, <c>database</c>, <c>api</c>.</summary>
    public required string Format { get; init; }

    /// <summary>更新周期 code, e.g. <c>daily</c>, <c>monthly</c>.</summary>
    public required string UpdateCycle { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>The catalog's side of the search: keep the index in step with published resources.</summary>
public interface ICatalogIndex
{
    /// <summary>Adds or replaces the document of <see cref="SearchDocument.ResourceId"/>, inside the caller's transaction.</summary>
    Task IndexAsync(DbConnection connection, DbTransaction transaction, SearchDocument document, CancellationToken ct = default);

    /// <summary>Removes a resource from the index (retired), inside the caller's transaction.</summary>
    Task RemoveAsync(DbConnection connection, DbTransaction transaction, long resourceId, CancellationToken ct = default);
}

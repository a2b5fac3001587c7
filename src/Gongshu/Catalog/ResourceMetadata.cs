namespace Gongshu.Catalog;

/// <summary>
/// What a provider writes about a resource (核心元数据): one version's content. A draft may be
/// incomplete; <see cref="MetadataRules"/> says what is missing. Controlled values are the
/// codes of the <see cref="TermList"/> vocabularies (e.g. <c>conditional</c>, <c>monthly</c>).
/// </summary>
public sealed record ResourceMetadata
{
    /// <summary>信息资源名称, unique among the provider's live resources.</summary>
    public required string Name { get; init; }

    /// <summary>信息资源摘要.</summary>
    public string? Summary { get; init; }

    /// <summary>关键字.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>信息资源格式 (<see cref="ResourceFormats"/>) and its subtype, e.g. <c>xlsx</c>, <c>OFD</c>, <c>达梦 DM8</c>.</summary>
    public string? Format { get; init; }

    public string? FormatSubtype { get; init; }

    /// <summary>信息项, in order.</summary>
    public IReadOnlyList<ResourceField> Fields { get; init; } = [];

    /// <summary>共享类型 (<see cref="ShareTypes"/>), 共享条件, 共享方式 (<see cref="ShareMethods"/>), and the legal or policy basis of a limit.</summary>
    public string? ShareType { get; init; }

    public string? ShareCondition { get; init; }

    public string? ShareMethod { get; init; }

    public string? LegalBasis { get; init; }

    /// <summary>开放属性 (<see cref="OpenTypes"/>) and 开放条件.</summary>
    public string? OpenType { get; init; }

    public string? OpenCondition { get; init; }

    /// <summary>更新周期 (<see cref="UpdateCycles"/>).</summary>
    public string? UpdateCycle { get; init; }

    /// <summary>关联资源代码: codes of other published resources.</summary>
    public IReadOnlyList<string> RelatedCodes { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The resource's grade: the highest of its fields' (就高从严), null while none has one.</summary>
    public string? Grade => DataGrades.Highest(Fields.Select(f => f.Grade));
}

/// <summary>
/// 信息项: one field of a resource. <see cref="Name"/> becomes a dataset column, so it follows
/// the identifier rules of <c>SqlDialect.Quote</c>; <see cref="Label"/> is what people read.
/// </summary>
public sealed record ResourceField
{
    public required string Name { get; init; }

    /// <summary>The Chinese name, e.g. 公民身份号码.</summary>
    public string? Label { get; init; }

    /// <summary>The national type letter: C N Y D T L M G B I F (<c>Storage.FieldType</c>).</summary>
    public string? Type { get; init; }

    /// <summary>Characters for C, digits for N; no other type has one.</summary>
    public int? Length { get; init; }

    /// <summary>Decimal places, for N only.</summary>
    public int? Scale { get; init; }

    public string? Description { get; init; }

    /// <summary>Part of the key that identifies a row (主键).</summary>
    public bool IsKey { get; init; }

    public bool Nullable { get; init; } = true;

    /// <summary><c>L1</c>–<c>L4</c>.</summary>
    public string? Grade { get; init; }
}

namespace Gongshu.Catalog;

/// <summary>A <c>catalog_resources</c> row.</summary>
internal sealed class ResourceRow
{
    public long Id { get; set; }
    public string Code { get; set; } = "";
    public string ClassificationCode { get; set; } = "";
    public long ProviderId { get; set; }
    public string Status { get; set; } = "";
    public long? PublishedVersionId { get; set; }
    public long? WorkingVersionId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
    public string? WorkingState { get; set; }

    public ResourceStatus ResourceStatus => CatalogStates.ParseStatus(Status);

    public VersionState? WorkingVersionState => WorkingState is null ? null : CatalogStates.ParseState(WorkingState);

    public const string SelectColumns = """
        SELECT id, code, classification_code AS ClassificationCode, provider_id AS ProviderId, status,
               published_version_id AS PublishedVersionId, working_version_id AS WorkingVersionId,
               created_at AS CreatedAt, updated_at AS UpdatedAt, retired_at AS RetiredAt,
               (SELECT w.state FROM catalog_resource_versions w WHERE w.id = catalog_resources.working_version_id) AS WorkingState
        FROM catalog_resources
        """;
}

/// <summary>A <c>catalog_resource_versions</c> row; list columns are JSON text.</summary>
internal sealed class VersionRow
{
    public long Id { get; set; }
    public long ResourceId { get; set; }
    public long VersionNo { get; set; }
    public string State { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Summary { get; set; }
    public string Keywords { get; set; } = "[]";
    public string? Format { get; set; }
    public string? FormatSubtype { get; set; }
    public string? ShareType { get; set; }
    public string? ShareCondition { get; set; }
    public string? ShareMethod { get; set; }
    public string? LegalBasis { get; set; }
    public string? OpenType { get; set; }
    public string? OpenCondition { get; set; }
    public string? UpdateCycle { get; set; }
    public string RelatedCodes { get; set; } = "[]";
    public string Tags { get; set; } = "[]";
    public long Score { get; set; }
    public string Failures { get; set; } = "[]";
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? ReviewComment { get; set; }

    public const string SelectColumns = """
        SELECT id, resource_id AS ResourceId, version_no AS VersionNo, state, name, summary, keywords, format,
               format_subtype AS FormatSubtype, share_type AS ShareType, share_condition AS ShareCondition,
               share_method AS ShareMethod, legal_basis AS LegalBasis, open_type AS OpenType,
               open_condition AS OpenCondition, update_cycle AS UpdateCycle, related_codes AS RelatedCodes, tags,
               score, failures, created_by AS CreatedBy, created_at AS CreatedAt, updated_at AS UpdatedAt,
               submitted_at AS SubmittedAt, published_at AS PublishedAt, review_comment AS ReviewComment
        FROM catalog_resource_versions
        """;

    public ResourceVersion ToVersion(IReadOnlyList<ResourceField> fields) => new(
        Id,
        (int)VersionNo,
        CatalogStates.ParseState(State),
        new ResourceMetadata
        {
            Name = Name,
            Summary = Summary,
            Keywords = CatalogJson.Read<List<string>>(Keywords),
            Format = Format,
            FormatSubtype = FormatSubtype,
            Fields = fields,
            ShareType = ShareType,
            ShareCondition = ShareCondition,
            ShareMethod = ShareMethod,
            LegalBasis = LegalBasis,
            OpenType = OpenType,
            OpenCondition = OpenCondition,
            UpdateCycle = UpdateCycle,
            RelatedCodes = CatalogJson.Read<List<string>>(RelatedCodes),
            Tags = CatalogJson.Read<List<string>>(Tags),
        },
        (int)Score,
        CatalogJson.Read<List<RuleFailure>>(Failures),
        CreatedBy,
        CreatedAt,
        UpdatedAt,
        SubmittedAt,
        PublishedAt,
        ReviewComment);
}

/// <summary>A <c>catalog_fields</c> row.</summary>
internal sealed class FieldRow
{
    public long VersionId { get; set; }
    public long Position { get; set; }
    public string Name { get; set; } = "";
    public string? Label { get; set; }
    public string? Type { get; set; }
    public long? Length { get; set; }
    public long? Scale { get; set; }
    public string? Description { get; set; }
    public bool IsKey { get; set; }
    public bool Nullable { get; set; }
    public string? Grade { get; set; }

    public ResourceField ToField() => new()
    {
        Name = Name,
        Label = Label,
        Type = Type,
        Length = (int?)Length,
        Scale = (int?)Scale,
        Description = Description,
        IsKey = IsKey,
        Nullable = Nullable,
        Grade = Grade,
    };
}

namespace Gongshu.Catalog.Excel;

/// <summary>The limits of one import.</summary>
public sealed record CatalogImportOptions
{
    /// <summary>20 MB.</summary>
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    /// <summary>The largest upload; beyond it, 413 <c>payload_too_large</c> before anything is parsed.</summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>Data rows of 「资源」; beyond it, 400 <c>too_many_rows</c>.</summary>
    public int MaxResources { get; init; } = 5_000;

    /// <summary>Data rows of 「信息项」; beyond it, 400 <c>too_many_rows</c>.</summary>
    public int MaxFieldRows { get; init; } = 100_000;

    /// <summary>Errors listed in <see cref="CatalogImportException.Errors"/>; the rest are only counted.</summary>
    public int MaxErrors { get; init; } = 1_000;

    /// <summary>
    /// Characters of the shared string table, which is held in memory while the sheets are read
    /// (a zip bomb of text is refused with 413 rather than filling memory).
    /// </summary>
    public long MaxSharedStringCharacters { get; init; } = 20_000_000;

    /// <summary>
    /// Characters of any one XML part once unzipped (<c>OpenSettings.MaxCharactersInPart</c>): a row or
    /// the workbook part is loaded whole, so this bounds what a zip bomb can inflate.
    /// </summary>
    public long MaxPartCharacters { get; init; } = 100_000_000;
}

/// <summary>A resource an import created: its 资源序号 and row in 「资源」, and the new draft.</summary>
public sealed record ImportedResource(string RowKey, int Row, CatalogResource Resource);

/// <summary>What an import created, in the order of the 「资源」 sheet, and the SHA-256 of the file (also in the audit entry).</summary>
public sealed record CatalogImportResult(IReadOnlyList<ImportedResource> Resources, int FieldCount, string Sha256);

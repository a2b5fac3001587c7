namespace Gongshu.Collection.Sources.Excel;

/// <summary>Which part of a workbook to read.</summary>
public sealed record ExcelSourceOptions
{
    /// <summary>The sheet to read, by its tab name (any case); null for the first sheet.</summary>
    public string? Sheet { get; init; }
}

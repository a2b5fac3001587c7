namespace Gongshu.Catalog.Excel;

/// <summary>
/// One problem of an imported workbook, where Excel shows it: the sheet, the row number, the
/// column letter and its header (row and column are null for a problem of the whole sheet or
/// row), a stable code, and the message in Chinese and in English.
/// </summary>
public sealed record CatalogImportError(string Sheet, int? Row, string? Column, string? Header, string Code, string MessageZh, string MessageEn)
{
    /// <summary>The cell as Excel names it: <c>资源!C5</c>, or <c>资源!5</c> for a row, <c>资源</c> for the sheet.</summary>
    public string Cell => $"{Sheet}{(Row is null && Column is null ? "" : "!")}{Column}{Row}";

    public override string ToString() => $"{Cell}{(Header is null ? "" : $" {Header}")}: {MessageZh} / {MessageEn}";
}

/// <summary>
/// An import refused because the workbook has errors: nothing was imported. <see cref="Errors"/>
/// lists them in sheet, row and column order — all of them unless there are more than
/// <see cref="CatalogImportOptions.MaxErrors"/>; <see cref="ErrorCount"/> counts every one.
/// </summary>
public sealed class CatalogImportException : GongshuException
{
    public const string InvalidCode = "catalog_import_invalid";

    public CatalogImportException(IReadOnlyList<CatalogImportError> errors, int errorCount)
        : base(ErrorKind.BadRequest, InvalidCode, Describe(errors, errorCount), errors.Count > 0 ? errors[0].Cell : null)
    {
        Errors = errors;
        ErrorCount = Math.Max(errorCount, errors.Count);
    }

    public IReadOnlyList<CatalogImportError> Errors { get; }

    public int ErrorCount { get; }

    /// <summary>400 <c>not_xlsx</c>: the upload is not an Excel workbook.</summary>
    internal static GongshuException NotXlsx(string zh, string en) => new(ErrorKind.BadRequest, "not_xlsx", $"{en} ({zh})", "file");

    /// <summary>413 <c>payload_too_large</c>.</summary>
    internal static GongshuException TooLarge(string zh, string en) => new(ErrorKind.PayloadTooLarge, "payload_too_large", $"{en} ({zh})", "file");

    private static string Describe(IReadOnlyList<CatalogImportError> errors, int errorCount)
    {
        const int Shown = 10;
        var more = errorCount > Shown ? $"; … and {errorCount - Shown} more" : "";
        return $"The workbook has {errorCount} error{(errorCount == 1 ? "" : "s")}; nothing was imported: "
            + string.Join("; ", errors.Take(Shown).Select(e => $"{e.Cell}{(e.Header is null ? "" : $" {e.Header}")}: {e.MessageEn}")) + more;
    }
}

using System.Text;
using ExcelDataReader;

namespace Gongshu.Collection.Sources.Excel;

/// <summary>A sheet of an Excel 97–2003 (.xls, BIFF8) workbook, read through ExcelDataReader.</summary>
internal sealed class XlsSheetRows : SheetRows
{
    private readonly IExcelDataReader _reader;
    private long _rowNumber;

    static XlsSheetRows()
    {
        // BIFF files name their code page; .NET knows only the Unicode ones without this provider.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    private XlsSheetRows(IExcelDataReader reader)
    {
        _reader = reader;
        SheetName = reader.Name ?? "";
    }

    public override string SheetName { get; }

    public override long RowNumber => _rowNumber;

    /// <summary>Opens the named sheet (or the first) of a workbook on a seekable stream, which stays open.</summary>
    public static XlsSheetRows Open(Stream stream, string? sheetName)
    {
        var reader = ExcelReaderFactory.CreateBinaryReader(stream, new ExcelReaderConfiguration
        {
            // Old files that name no code page were most likely written by Chinese Excel.
            FallbackEncoding = Encoding.GetEncoding(936),
            LeaveOpen = true,
        });
        try
        {
            var names = new List<string>();
            while (sheetName is not null && !string.Equals(reader.Name?.Trim(), sheetName.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                names.Add(reader.Name ?? "");
                if (!reader.NextResult())
                {
                    throw ExcelSourceReader.NoSuchSheet(sheetName, names);
                }
            }

            return new XlsSheetRows(reader);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public override bool MoveNext()
    {
        Values.Clear();
        while (_reader.Read())
        {
            _rowNumber++;
            for (var i = 0; i < _reader.FieldCount; i++)
            {
                if (Value(_reader.GetValue(i)) is { } value)
                {
                    Values.Set(i, value);
                }
            }

            if (Values.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    public override void Dispose() => _reader.Dispose();

    private static object? Value(object? value) => value switch
    {
        null or DBNull => null,
        string s => s.Length == 0 ? null : s,
        double d => ExcelNumberFormats.Number(d),
        int i => (long)i,
        bool or DateTime => value,
        _ => value.ToString(),
    };
}

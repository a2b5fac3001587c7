using System.Globalization;
using System.Text;

namespace Gongshu.Collection.Loads;

/// <summary>
/// The rejects of a load as a CSV a provider opens in Excel: UTF-8 with a byte order mark (so
/// Excel reads the Chinese), one row per rejected source row with its line, field and reason.
/// A cell that a spreadsheet would take for a formula (=, +, -, @) is prefixed with an apostrophe.
/// </summary>
public static class RejectsCsv
{
    public static async Task WriteAsync(IAsyncEnumerable<LoadReject> rejects, Stream output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rejects);
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 65536, leaveOpen: true);
        await writer.WriteAsync("行号 line,字段 field,原因 reason,原始记录 record\r\n");
        await foreach (var reject in rejects.WithCancellation(ct))
        {
            await writer.WriteAsync(reject.Line.ToString(CultureInfo.InvariantCulture));
            await writer.WriteAsync(',');
            await writer.WriteAsync(Cell(reject.Field));
            await writer.WriteAsync(',');
            await writer.WriteAsync(Cell(reject.Reason));
            await writer.WriteAsync(',');
            await writer.WriteAsync(Cell(reject.Record));
            await writer.WriteAsync("\r\n");
        }
    }

    internal static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

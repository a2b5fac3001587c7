using Gongshu.Storage;
using static Gongshu.Collection.Conversion.Reasons;
using static Gongshu.Collection.Conversion.SourceText;

namespace Gongshu.Collection.Conversion;

/// <summary>L 逻辑型 as <see cref="bool"/>: the words departments use for yes and no.</summary>
internal sealed class LogicalConverter(DatasetColumn column) : FieldConverter(column)
{
    private const string Expected = "expected true/false, 1/0, Y/N, yes/no, 是/否, 真/假 or T/F";

    private protected override bool TryConvertText(string text, ReadOnlySpan<char> trimmed, out object? result, out string? reason)
    {
        var value = trimmed.Length == 1
            ? (Narrow(trimmed[0]) switch
            {
                '1' or 'Y' or 'y' or 'T' or 't' or '是' or '真' => True,
                '0' or 'N' or 'n' or 'F' or 'f' or '否' or '假' => False,
                _ => null,
            })
            : IsWord(trimmed, "true") || IsWord(trimmed, "yes") ? True
            : IsWord(trimmed, "false") || IsWord(trimmed, "no") ? False
            : null;
        return value is null
            ? Reject($"{Quote(trimmed)} is not a logical value ({Expected})", out result, out reason)
            : Accept(value, out result, out reason);
    }

    private protected override bool TryConvertValue(object value, out object? result, out string? reason)
    {
        var logical = value switch
        {
            bool b => b ? True : False,
            double d => OneOrZero(d == 1, d == 0),
            float f => OneOrZero(f == 1, f == 0),
            decimal m => OneOrZero(m == 1, m == 0),
            long l => OneOrZero(l == 1, l == 0),
            int i => OneOrZero(i == 1, i == 0),
            short or sbyte or byte or ushort or uint or ulong => Convert.ToDecimal(value, null) switch
            {
                1 => True,
                0 => False,
                _ => null,
            },
            _ => null,
        };
        return logical is null
            ? Reject($"{Describe(value)} is not a logical value ({Expected})", out result, out reason)
            : Accept(logical, out result, out reason);
    }

    private static object? OneOrZero(bool one, bool zero) => one ? True : zero ? False : null;
}

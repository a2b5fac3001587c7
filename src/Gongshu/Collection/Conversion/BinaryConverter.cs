using System.Buffers;
using System.Buffers.Text;
using Gongshu.Storage;
using static Gongshu.Collection.Conversion.Reasons;

namespace Gongshu.Collection.Conversion;

/// <summary>
/// G 通用型 as <see cref="byte"/>[]: base64 text, or PostgreSQL's hex form (\x0a1b…) that its CSV
/// exports of bytea columns carry. A backslash is no base64 character, so the two cannot be confused.
/// </summary>
internal sealed class BinaryConverter(DatasetColumn column) : FieldConverter(column)
{
    private protected override bool TryConvertText(string text, ReadOnlySpan<char> trimmed, out object? result, out string? reason)
    {
        if (trimmed.StartsWith(@"\x", StringComparison.OrdinalIgnoreCase))
        {
            var hex = trimmed[2..];
            var bytes = hex.Length % 2 == 0 ? new byte[hex.Length / 2] : null;
            return bytes is not null && Convert.FromHexString(hex, bytes, out _, out _) == OperationStatus.Done
                ? Accept(bytes, out result, out reason)
                : Reject($"{Quote(trimmed)} is not hexadecimal binary data", out result, out reason);
        }

        if (Base64.IsValid(trimmed, out var length))
        {
            var bytes = new byte[length];
            if (Convert.TryFromBase64Chars(trimmed, bytes, out var written) && written == length)
            {
                return Accept(bytes, out result, out reason);
            }
        }

        return Reject($"{Quote(trimmed)} is not base64 binary data", out result, out reason);
    }

    private protected override bool TryConvertValue(object value, out object? result, out string? reason)
        => value is byte[]
            ? Accept(value, out result, out reason)
            : Reject($"{Describe(value)} is not binary data", out result, out reason);
}

using System.Text;
using System.Text.Json;

namespace Gongshu.Audit;

/// <summary>
/// What an entry must be before it is queued. Checking up front means one bad entry is refused
/// to its own caller, instead of failing the whole group commit it would have joined.
/// </summary>
public static class AuditEntryRules
{
    public const int MaxTextLength = 1_000;
    public const int MaxDetailLength = 16_000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Throws a <see cref="GongshuException"/> naming the field at fault.</summary>
    public static void Validate(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Required(entry.Actor, "actor");
        Required(entry.Action, "action");
        Text(entry.Organization, "organization");
        Text(entry.Object, "object");
        Text(entry.Purpose, "purpose");
        Text(entry.ClientAddress, "clientAddress");
        if (!Enum.IsDefined(entry.Outcome))
        {
            throw GongshuException.Invalid("outcome", $"'{entry.Outcome}' is not an audit outcome: use success, denied or failed.");
        }

        if (entry.Detail is { } detail)
        {
            Text(detail, "detail", MaxDetailLength);
            RequireJson(detail);
        }
    }

    // Reads the detail through once without building a document: every gateway call passes here.
    private static void RequireJson(string detail)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(detail.Length));
        try
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(0, Encoding.UTF8.GetBytes(detail, buffer)), new JsonReaderOptions { MaxDepth = 64 });
            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            throw GongshuException.Invalid("detail", $"The audit detail must be JSON: {e.Message}");
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Required(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw GongshuException.Invalid(field, $"An audit entry needs a non-empty {field}.");
        }

        Text(value, field);
    }

    private static void Text(string? value, string field, int maxLength = MaxTextLength)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > maxLength)
        {
            throw GongshuException.Invalid(field, $"The audit {field} is {value.Length} characters long; at most {maxLength} are kept.");
        }

        // PostgreSQL text cannot hold NUL, and a lone surrogate would not come back as it was hashed.
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw GongshuException.Invalid(field, $"The audit {field} contains a NUL character.");
        }

        try
        {
            StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException)
        {
            throw GongshuException.Invalid(field, $"The audit {field} is not valid Unicode text.");
        }
    }
}

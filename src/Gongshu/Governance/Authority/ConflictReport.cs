using System.Runtime.InteropServices;
using Gongshu.Governance.Rules;
using Gongshu.Security.Encryption;

namespace Gongshu.Governance.Authority;

/// <summary>How far a side of the comparison got.</summary>
public static class ComparisonStates
{
    public const string Compared = "compared";

    /// <summary>Nothing has been loaded into the resource yet.</summary>
    public const string NoData = "no_data";

    /// <summary>The resource is no longer published (retired since it was registered).</summary>
    public const string NotPublished = "not_published";

    /// <summary>The data in force has no such field: loaded before the field was catalogued.</summary>
    public const string FieldMissing = "field_missing";

    /// <summary>A copy not compared because the authority has nothing to compare it with.</summary>
    public const string AuthorityUnavailable = "authority_unavailable";
}

/// <summary>
/// How the copies of a data element agree with its authority, by key, on the data in force.
/// A provider admin's report holds only the copies its department provides.
/// </summary>
public sealed record ConflictReport(long ElementId, string Element, string Name, AuthorityData Authority, IReadOnlyList<CopyConflicts> Copies, DateTimeOffset ComparedAt);

/// <summary>
/// The authority's side: rows read, distinct keys, rows without a key, and keys it holds more than
/// once (ambiguous: a copy's record with such a key cannot be checked).
/// </summary>
public sealed record AuthorityData(ElementSource Source, string State, long? DataVersion, long Rows, long Keys, long EmptyKeys, long DuplicateKeys);

/// <summary>
/// One copy against the authority. Every compared record is counted once:
/// <c>Compared = Agree + Disagree + MissingInAuthority + EmptyValues + Ambiguous</c>.
/// </summary>
/// <param name="EmptyValues">The copy's key or value is empty, or the authority holds the key with an empty value.</param>
public sealed record CopyConflicts(long CopyId, long ProviderId, ElementSource Source, string State, long? DataVersion,
    long Compared, long Agree, long Disagree, long MissingInAuthority, long EmptyValues, long Ambiguous, IReadOnlyList<ConflictSample> Samples);

/// <summary>A disagreement, masked as quality samples are: the copy's row id, the key and both values.</summary>
public sealed record ConflictSample(long RowId, string Key, string CopyValue, string AuthorityValue);

/// <summary>
/// The authority's data reduced to what a comparison needs: a 64-bit hash of each key and of its
/// value (about 28 bytes a row in the dictionary once sized for the row count).
/// </summary>
internal sealed class AuthorityIndex(long expectedRows)
{
    // Value hashes 0 and 1 are markers; a real value hashing there is moved up by 2 (a 2^-63 chance).
    private const ulong EmptyValue = 0;
    private const ulong Ambiguous = 1;

    private readonly Dictionary<ulong, ulong> _values = new((int)Math.Clamp(expectedRows, 0, 1 << 30));

    public long Rows { get; private set; }

    public long EmptyKeys { get; private set; }

    public long DuplicateKeys { get; private set; }

    public int Keys => _values.Count;

    public void Add(string? key, string? value)
    {
        Rows++;
        if (key is null)
        {
            EmptyKeys++;
            return;
        }

        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_values, TextFormats.Hash(key), out var seen);
        if (!seen)
        {
            slot = value is null ? EmptyValue : ValueHash(value);
        }
        else if (slot != Ambiguous)
        {
            DuplicateKeys++;
            slot = Ambiguous;
        }
    }

    /// <summary>Compares one record of a copy; both texts as <see cref="ElementText"/> gives them.</summary>
    public CopyMatch Match(string? key, string? value)
    {
        if (key is null || value is null)
        {
            return CopyMatch.Empty;
        }

        if (!_values.TryGetValue(TextFormats.Hash(key), out var authority))
        {
            return CopyMatch.Missing;
        }

        return authority switch
        {
            Ambiguous => CopyMatch.Ambiguous,
            EmptyValue => CopyMatch.Empty,
            _ when authority == ValueHash(value) => CopyMatch.Agree,
            _ => CopyMatch.Disagree,
        };
    }

    private static ulong ValueHash(string value)
    {
        var hash = TextFormats.Hash(value);
        return hash <= Ambiguous ? hash + 2 : hash;
    }
}

internal enum CopyMatch
{
    Agree,
    Disagree,
    Missing,
    Empty,
    Ambiguous,
}

/// <summary>The counts and first disagreements of one copy, as its rows stream past.</summary>
internal sealed class CopyTally(int maxSamples)
{
    private readonly List<(long RowId, string Key, string Value)> _samples = [];

    public long Compared { get; private set; }

    public long Agree { get; private set; }

    public long Disagree { get; private set; }

    public long Missing { get; private set; }

    public long Empty { get; private set; }

    public long Ambiguous { get; private set; }

    /// <summary>The unmasked disagreements kept so far (at most the sample limit).</summary>
    public IReadOnlyList<(long RowId, string Key, string Value)> Samples => _samples;

    public void Count(AuthorityIndex authority, long rowId, string? key, string? value)
    {
        Compared++;
        switch (authority.Match(key, value))
        {
            case CopyMatch.Agree:
                Agree++;
                break;
            case CopyMatch.Missing:
                Missing++;
                break;
            case CopyMatch.Empty:
                Empty++;
                break;
            case CopyMatch.Ambiguous:
                Ambiguous++;
                break;
            default:
                Disagree++;
                if (_samples.Count < maxSamples)
                {
                    _samples.Add((rowId, key!, value!));
                }

                break;
        }
    }
}

/// <summary>The text a comparison sees of a field value.</summary>
internal static class ElementText
{
    /// <summary>
    /// A key as blind indexes match keys: trimmed, ASCII letters upper-cased (an ID number ending
    /// in x is the one stored with X). Null when empty.
    /// </summary>
    public static string? Key(object? value)
    {
        var text = Value(value);
        if (text is null || !text.AsSpan().ContainsAnyInRange('a', 'z'))
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsAsciiLetterLower(c) ? (char)(c - ('a' - 'A')) : c;
            }
        });
    }

    /// <summary>A value as text, trimmed; null when empty.</summary>
    public static string? Value(object? value)
    {
        if (value is null)
        {
            return null;
        }

        var text = FieldValueText.ToText(value).Trim();
        return text.Length == 0 ? null : text;
    }
}

using System.Globalization;

namespace Gongshu.Security.Masking;

/// <summary>A delivered column as masking sees it; <paramref name="Granted"/> is true when the grant names the field explicitly.</summary>
public sealed record MaskingColumn(string Name, SensitiveType Type, DataGrade Grade, bool Granted = false);

/// <summary>
/// One column's technique, ready to apply to its values. Values arrive as the dataset store gives
/// them (string, decimal, long, int, double, DateOnly, DateTime, bool, null). Null stays null and
/// an empty string stays empty under every technique but suppress. Text techniques (partial,
/// surname, address_to_county, pseudonymize, ip_prefix) read the invariant text of any value
/// (dates as yyyy-MM-dd, times as yyyy-MM-dd HH:mm:ss) and give a string; generalize_date and
/// age_band give a string; round keeps the kind of number (numeric text stays text). A value a
/// technique cannot read (a word under round, a non-date under generalize_date, an address with
/// no division name) goes out as null: masking fails closed, never open. Thread-safe.
/// </summary>
public sealed class ColumnMasker
{
    private readonly Func<object, object?> _mask;

    private ColumnMasker(MaskingColumn column, MaskTechnique technique, Func<object, object?> mask)
        => (Column, Technique, _mask) = (column, technique, mask);

    private delegate object? TextMask(ReadOnlySpan<char> text, string? whole);

    public MaskingColumn Column { get; }

    /// <summary>The technique applied, with the type's defaults filled in (partial(6,4), not partial).</summary>
    public MaskTechnique Technique { get; }

    /// <summary>True when values go out unchanged.</summary>
    public bool KeepsValues => Technique is MaskTechnique.Keep;

    /// <summary>
    /// The masker of <paramref name="column"/> under <paramref name="technique"/>. A pseudonymize
    /// technique needs <paramref name="pseudonymizer"/>; age bands are counted at
    /// <paramref name="asOf"/> (by default today in China, UTC+8).
    /// </summary>
    public static ColumnMasker Create(MaskingColumn column, MaskTechnique technique, Pseudonymizer? pseudonymizer = null, DateOnly? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(technique);
        if (technique is MaskTechnique.Partial partial)
        {
            technique = partial.For(column.Type);
        }

        var type = column.Type;
        Func<object, object?> mask = technique switch
        {
            MaskTechnique.Keep => value => value,
            MaskTechnique.Suppress => _ => null,
            MaskTechnique.Partial { KeepFirst: { } first, KeepLast: { } last } => type == SensitiveType.Email
                ? OnText((text, _) => TextMasks.Email(text, first, last))
                : OnText((text, _) => TextMasks.Partial(text, first, last)),
            MaskTechnique.Surname => OnText((text, _) => TextMasks.Surname(text)),
            MaskTechnique.AddressToCounty => OnText((text, whole) => whole is null ? AddressMasks.ToCounty(text) : AddressMasks.ToCounty(whole)),
            MaskTechnique.Pseudonymize => PseudonymizeWith(pseudonymizer
                ?? throw new ArgumentException($"Column '{column.Name}' is pseudonymized but no pseudonymization key was given.", nameof(pseudonymizer)), type),
            MaskTechnique.GeneralizeDate date => GeneralizeDate(date.Precision),
            MaskTechnique.AgeBand band => AgeBand(band, type, asOf ?? TodayInChina()),
            MaskTechnique.Round round => Round(round),
            MaskTechnique.IpPrefix prefix => OnText((text, _) => TextMasks.IpPrefix(text, prefix.Octets)),
            _ => throw new ArgumentException($"No masker for {technique}.", nameof(technique)),
        };
        return new ColumnMasker(column, technique, mask);
    }

    public object? Apply(object? value)
    {
        if (Technique is MaskTechnique.Suppress)
        {
            return null;
        }

        return value is null or DBNull or string { Length: 0 } ? value : _mask(value);
    }

    /// <summary>What the audit entry and API responses show: <c>id_number: partial(6,4)</c>.</summary>
    public string Describe() => $"{Column.Name}: {Technique}";

    public override string ToString() => Describe();

    internal static DateOnly TodayInChina() => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static Func<object, object?> PseudonymizeWith(Pseudonymizer pseudonymizer, SensitiveType type)
        => OnText((text, _) => pseudonymizer.Token(text, type));

    private static Func<object, object?> GeneralizeDate(DatePrecision precision) => value => value switch
    {
        DateOnly d => DateMasks.Generalize(d, precision),
        DateTime t => DateMasks.Generalize(DateOnly.FromDateTime(t), precision),
        DateTimeOffset t => DateMasks.Generalize(DateOnly.FromDateTime(t.DateTime), precision),
        _ => WithText(value, (text, _) => DateMasks.Generalize(text, precision)),
    };

    private static Func<object, object?> AgeBand(MaskTechnique.AgeBand band, SensitiveType type, DateOnly asOf)
    {
        // Each age's band is formatted once per column and shared by every value of that age.
        var byAge = new string?[151];
        return value =>
        {
            int? age = value switch
            {
                DateOnly d => DateMasks.Age(d, asOf),
                DateTime t => DateMasks.Age(DateOnly.FromDateTime(t), asOf),
                DateTimeOffset t => DateMasks.Age(DateOnly.FromDateTime(t.DateTime), asOf),
                long n => n is >= 0 and <= 1000 ? (int)n : null,
                int n => n is >= 0 and <= 1000 ? n : null,
                decimal n => n is >= 0 and <= 1000 ? (int)n : null,
                double n => n is >= 0 and <= 1000 ? (int)n : null,
                _ => WithText(value, (text, _) => AgeOfText(text, type, asOf)) as int?,
            };
            return age switch
            {
                null or < 0 => null,
                < 151 and var years => byAge[years] ??= DateMasks.AgeBand(years, band.Width, band.Top),
                var years => DateMasks.AgeBand(years.Value, band.Width, band.Top),
            };
        };
    }

    private static object? AgeOfText(ReadOnlySpan<char> text, SensitiveType type, DateOnly asOf)
    {
        if (type == SensitiveType.IdentityNumber)
        {
            return DateMasks.TryBirthDateOfIdentityNumber(text, out var birth) ? DateMasks.Age(birth, asOf) : null;
        }

        if (DateMasks.TryRead(text, out var year, out var month, out var day) && month > 0)
        {
            return DateMasks.Age(new DateOnly(year, month, Math.Max(day, 1)), asOf);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var age) && age <= 1000 ? age : null;
    }

    private static Func<object, object?> Round(MaskTechnique.Round how) => value =>
    {
        try
        {
            return value switch
            {
                decimal n => NumberMasks.Round(n, how),
                long n => NumberMasks.Round(n, how),
                int n => NumberMasks.Round(n, how),
                short n => NumberMasks.Round(n, how),
                double n => NumberMasks.Round(n, how),
                float n => (float)NumberMasks.Round(n, how),
                string s => NumberMasks.Round(s, how),
                _ => null,
            };
        }
        catch (OverflowException)
        {
            return null; // a value so large that rounding it overflows a decimal: withheld rather than sent as it was
        }
    };

    private static Func<object, object?> OnText(TextMask mask) => value => WithText(value, mask);

    // Runs the mask on the value's invariant text, formatting numbers and dates on the stack.
    private static object? WithText(object value, TextMask mask)
    {
        if (value is string s)
        {
            return mask(s, s);
        }

        if (value is bool b)
        {
            var word = b ? "true" : "false";
            return mask(word, word);
        }

        Span<char> buffer = stackalloc char[64];
        var written = 0;
        var formatted = value switch
        {
            DateOnly d => d.TryFormat(buffer, out written, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime t => t.TryFormat(buffer, out written, "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
            DateTimeOffset t => t.TryFormat(buffer, out written, "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
            ISpanFormattable f => f.TryFormat(buffer, out written, default, CultureInfo.InvariantCulture),
            _ => false,
        };
        if (formatted)
        {
            return mask(buffer[..written], null);
        }

        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        return mask(text, text);
    }
}

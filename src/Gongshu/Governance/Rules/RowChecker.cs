using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using Gongshu.Directories;
using Gongshu.Storage;
using Ids = Gongshu.Identifiers;

namespace Gongshu.Governance.Rules;

/// <summary>A failing value kept as an example: the line it came from, the field, the value as text and why it failed.</summary>
public sealed record RuleFailure(long Line, string Field, string Value, string Reason);

/// <summary>How one rule fared over a load. <see cref="Checked"/> counts the values the rule applied to (nulls are skipped by every rule but required).</summary>
public sealed record RuleOutcome(int Id, string Description, string Field, long Checked, long Failed, double FailureRate, IReadOnlyList<RuleFailure> Samples);

/// <summary>
/// A <see cref="RuleSet"/> compiled against a resource's columns, run on each converted row
/// of one load by the loading thread (not thread-safe). A passing value allocates nothing;
/// unique's hash set grows with the distinct values it has seen (8 bytes each plus the set's overhead).
/// </summary>
public sealed class RowChecker
{
    private readonly RuleCheck[] _checks;
    private readonly int _columnCount;

    private RowChecker(RuleCheck[] checks, int columnCount)
    {
        _checks = checks;
        _columnCount = columnCount;
    }

    /// <param name="rules">Parsed against <paramref name="columns"/>.</param>
    /// <param name="columns">The resource's columns, in the order a row carries its values.</param>
    /// <param name="today">The day "today" means in a date range and an ID's birth date; by default the machine's local date.</param>
    /// <param name="samplesPerRule">Failing values kept per rule.</param>
    /// <param name="references">The referenced values of each reference rule (64-bit hashes, see <see cref="TextFormats.Hash"/>).</param>
    public static RowChecker Compile(RuleSet rules, IReadOnlyList<DatasetColumn> columns, DateOnly? today = null, int samplesPerRule = 5,
        Func<RuleKind.Reference, IReadOnlySet<ulong>>? references = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(samplesPerRule);
        var day = today ?? DateOnly.FromDateTime(DateTime.Now);
        int Index(string field)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i].Name == field)
                {
                    return i;
                }
            }

            throw new ArgumentException($"The rule set names '{field}', which is not among these columns; parse it against the same columns.", nameof(columns));
        }

        var checks = rules.Rules.Select(rule =>
        {
            var column = Index(rule.Field);
            RuleCheck check = rule.Kind switch
            {
                RuleKind.Required => new RequiredCheck(),
                RuleKind.Length length => new LengthCheck(length.Min ?? 0, length.Max ?? int.MaxValue),
                RuleKind.Pattern pattern => new PatternCheck(pattern.Regex),
                RuleKind.CodeTable { Table: "gb2260" } => new DivisionCheck(),
                RuleKind.CodeTable table => new ValuesCheck(table.Values, table.Table == "gb2261_1" ? "GB/T 2261.1 性别代码 (0, 1, 2, 9)" : "the listed values"),
                RuleKind.NumberRange range => new NumberRangeCheck(range.Min, range.Max),
                RuleKind.DateRange range => new DateRangeCheck(range.MinIsToday ? day : range.Min, range.MaxIsToday ? day : range.Max),
                RuleKind.Unique => new UniqueCheck(),
                RuleKind.IdentityNumber => new IdentityNumberCheck(day),
                RuleKind.CreditCode => new TextCheck(v => Ids.CreditCode.IsValid(v), "not a 统一社会信用代码 (18 characters, GB 32100 check character)"),
                RuleKind.OrganizationCode => new TextCheck(v => Ids.OrganizationCode.IsValid(v), "not a 组织机构代码 (8 characters and a GB 11714 check character)"),
                RuleKind.Mobile => new TextCheck(v => TextFormats.IsMobile(v), "not a 手机号 (11 digits, 1 then 3–9)"),
                RuleKind.Email => new TextCheck(v => TextFormats.IsEmail(v), "not an e-mail address"),
                RuleKind.IdMatchesBirthDate match => new IdBirthDateCheck(Index(match.BirthDateField)),
                RuleKind.IdMatchesSex match => new IdSexCheck(Index(match.SexField)),
                RuleKind.Reference reference => new ReferenceCheck(references?.Invoke(reference)
                    ?? throw new ArgumentException("A reference rule needs the referenced values.", nameof(references)), reference),
                _ => throw new ArgumentOutOfRangeException(nameof(rules), rule.Kind.Code, "A rule kind without a check."),
            };
            check.Bind(rule, column, samplesPerRule);
            return check;
        }).ToArray();
        return new RowChecker(checks, columns.Count);
    }

    /// <summary>Runs every rule on one converted row (values in column order); false if any failed.</summary>
    /// <param name="line">The row's line in its source, kept with failing samples.</param>
    public bool Check(ReadOnlySpan<object?> row, long line)
    {
        if (row.Length != _columnCount)
        {
            throw new ArgumentException($"A row has {_columnCount} values, one per column; this one has {row.Length}.", nameof(row));
        }

        var passed = true;
        foreach (var check in _checks)
        {
            var value = row[check.Column];
            if (value is null && check.SkipsNull)
            {
                continue;
            }

            var reason = check.Evaluate(value, row);
            if (ReferenceEquals(reason, RuleCheck.NotApplicable))
            {
                continue;
            }

            check.Checked++;
            if (reason is not null)
            {
                check.Fail(line, value, reason);
                passed = false;
            }
        }

        return passed;
    }

    /// <summary>Per rule, in rule set order: counts, failure rate (0 when nothing was checked) and the first failing samples.</summary>
    public IReadOnlyList<RuleOutcome> Summary()
        => [.. _checks.Select(c => new RuleOutcome(c.Rule.Id, c.Rule.Description, c.Rule.Field, c.Checked, c.Failed,
            c.Checked == 0 ? 0 : (double)c.Failed / c.Checked, [.. c.Samples]))];

    private abstract class RuleCheck
    {
        /// <summary>Returned when the rule has nothing to say about this row (a cross-field rule whose other value is missing).</summary>
        public static readonly string NotApplicable = new('-', 1);

        private const int MaxSampleLength = 100;

        public QualityRule Rule { get; private set; } = null!;

        public int Column { get; private set; }

        public virtual bool SkipsNull => true;

        public long Checked { get; set; }

        public long Failed { get; private set; }

        public List<RuleFailure> Samples { get; } = [];

        private int MaxSamples { get; set; }

        public void Bind(QualityRule rule, int column, int maxSamples) => (Rule, Column, MaxSamples) = (rule, column, maxSamples);

        /// <summary>Null when the value passes, else why it fails (or <see cref="NotApplicable"/>).</summary>
        public abstract string? Evaluate(object? value, ReadOnlySpan<object?> row);

        public void Fail(long line, object? value, string reason)
        {
            Failed++;
            if (Samples.Count < MaxSamples)
            {
                Samples.Add(new RuleFailure(line, Rule.Field, Text(value), reason));
            }
        }

        protected static string WrongType(object value) => $"a {value.GetType().Name} value where the rule expects text";

        private static string Text(object? value) => value switch
        {
            null => "",
            string s => s.Length <= MaxSampleLength ? s : string.Concat(s.AsSpan(0, MaxSampleLength), "…"),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            byte[] bytes => $"({bytes.Length} bytes)",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }

    private sealed class RequiredCheck : RuleCheck
    {
        public override bool SkipsNull => false;

        public override string? Evaluate(object? value, ReadOnlySpan<object?> row)
            => value is null ? "missing" : value is string s && string.IsNullOrWhiteSpace(s) ? "blank" : null;
    }

    private sealed class LengthCheck(int min, int max) : RuleCheck
    {
        public override string? Evaluate(object? value, ReadOnlySpan<object?> row)
        {
            if (value is not string s)
            {
                return WrongType(value!);
            }

            // A surrogate pair is one character (a rare 汉字 in a name, say): count scalar values, not UTF-16 units.
            var length = s.Length;
            if (length >= min && s.AsSpan().IndexOfAnyInRange('\uDC00', '\uDFFF') >= 0)
            {
                foreach (var c in s)
                {
                    length -= char.IsLowSurrogate(c) ? 1 : 0;
                }
            }

            return length < min ? $"{length} characters, fewer than {min}"
                : length > max ? $"{length} characters, more than {max}"
                : null;
        }
    }

    private sealed class PatternCheck(Regex regex) : RuleCheck
    {
        public override string? Evaluate(object? value, ReadOnlySpan<object?> row)
        {
            if (value is not string s)
            {
                return WrongType(value!);
            }

            try
            {
                return regex.IsMatch(s) ? null : "does not match the pattern";
            }
            catch (RegexMatchTimeoutException)
            {
                return "too long to match the pattern in time";
            }
        }
    }

    private sealed class DivisionCheck : RuleCheck
    {
        private readonly Divisions _divisions = Divisions.Standard;

        public override string? Evaluate(object? value, ReadOnlySpan<object?> row)
            => value is not string s ? WrongType(value!)
                : _divisions.IsValid(s) ? null
                : "not a division code on the GB/T 2260 list";
    }

    private sealed class ValuesCheck(IReadOnlyList<string> values, string what) : RuleCheck
    {
        private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _values
            = values.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

        private readonly string _reason = $"not one of {what}";

        public override string? Evaluate(object? value, ReadOnlySpan<object?> row)
        {
            switch (value)
            {
                case string s:
                    return _values.Contains(s) ? null : _reason;
                case long number:
                    Span<char> text = stackalloc char[20];
                    number.TryFormat(text, out var written, default, CultureInfo.InvariantCulture);
                    return _values.Contains(text[..written]) ? null : _reason;
                default:
                    return WrongType(value!);
            }
        }
    }

    private sealed class NumberRangeCheck(decimal? min, decimal? max) : RuleCheck
    {
        private readonly double _minDouble = min is { } a ? (double)a : double.NegativeInfinity;
        private readonly double _maxDouble = max is { } b ? (double)b : double.PositiveInfinity;

        public override string? Evaluate(object? value, ReadOnlySpan<object?> row)
        {
            switch (value)
            {
                case decimal d:
                    return Decide(d);
                case long l:
                    return Decide((decimal)l);
                case double d:
                    return Decide(d);
                case float f:
                    return Decide(f);
                default:
                    return $"a {value!.GetType().Name} value where the rule expects a number";
            }
        }

        private string? Decide(decimal value) => value < min ? Below() : value > max ? Above() : null;

        private string? Decide(double value)
            => double.IsNaN(value) ? "not a number (NaN)" : value < _minDouble ? Below() : value > _maxDouble ? Above() : null;

        private string Below() => $"below the minimum {min}";

        private string Above() => $"above the maximum {max}";
    }

    private sealed class DateRangeCheck(DateOnly? min, DateOnly? max) : RuleCheck
    {
        public override string? Evaluate(object? value, ReadOnlySpan<object?> row)
        {
            var date = value switch
            {
                DateOnly d => d,
                DateTime t => DateOnly.FromDateTime(t),
                _ => (DateOnly?)null,
            };
            return date is null ? $"a {value!.GetType().Name} value where the rule expects a date"
                : date < min ? $"before {min:yyyy-MM-dd}"
                : date > max ? $"after {max:yyyy-MM-dd}"
                : null;
        }
    }

    private sealed class UniqueCheck : RuleCheck
    {
        private readonly HashSet<ulong> _seen = [];

        public override string? Evaluate(object? value, ReadOnlySpan<object?> row)
            => _seen.Add(TextFormats.Hash(value!)) ? null : "a duplicate of an earlier value";
    }

    private sealed class ReferenceCheck(IReadOnlySet<ulong> known, RuleKind.Reference rule) : RuleCheck
    {
        private readonly string _reason = $"not found in {rule.Resource} {rule.ReferenceField}";

        public override string? Evaluate(object? value, ReadOnlySpan<object?> row)
            => known.Contains(TextFormats.Hash(value!)) ? null : _reason;
    }

    private sealed class TextCheck(TextCheck.Validator isValid, string reason) : RuleCheck
    {
        public delegate bool Validator(ReadOnlySpan<char> value);

        public override string? Evaluate(object? value, ReadOnlySpan<object?> row)
            => value is not string s ? WrongType(value!) : isValid(s) ? null : reason;
    }

    private sealed class IdentityNumberCheck(DateOnly today) : RuleCheck
    {
        // Provinces by their two digits: the first six digits keep the code the number was issued under, which may be retired since.
        private readonly bool[] _provinces = Provinces();

        public override string? Evaluate(object? value, ReadOnlySpan<object?> row)
        {
            if (value is not string s)
            {
                return WrongType(value!);
            }

            if (!Ids.IdentityNumber.IsValid(s, out var birth))
            {
                return s.Length != 18 ? $"{s.Length} characters, not 18"
                    : Ids.IdentityNumber.CheckCharacter(s) == '\0' ? "the first 17 characters are not all digits"
                    : !Ids.IdentityNumber.TryBirthDate(s, out _) ? "no real birth date in digits 7–14"
                    : "wrong check character";
            }

            var province = ((s[0] - '0') * 10) + (s[1] - '0');
            return !_provinces[province] ? $"{s[..2]} is not a province code"
                : birth > today ? "birth date in the future"
                : null;
        }

        private static bool[] Provinces()
        {
            var provinces = new bool[100];
            foreach (var province in Divisions.Standard.Provinces)
            {
                provinces[int.Parse(province.Code.AsSpan(0, 2), CultureInfo.InvariantCulture)] = true;
            }

            return provinces;
        }
    }

    private sealed class IdBirthDateCheck(int birthDateColumn) : RuleCheck
    {
        public override string? Evaluate(object? value, ReadOnlySpan<object?> row)
        {
            var birth = row[birthDateColumn] switch
            {
                DateOnly d => d,
                DateTime t => DateOnly.FromDateTime(t),
                _ => (DateOnly?)null,
            };

            // No birth date, or an ID without a readable one, is for required and identity_number to report.
            if (birth is null || value is not string s || !Ids.IdentityNumber.TryBirthDate(s, out var inId))
            {
                return NotApplicable;
            }

            return inId == birth ? null : $"the ID number says born {inId:yyyy-MM-dd}, the record {birth:yyyy-MM-dd}";
        }
    }

    private sealed class IdSexCheck(int sexColumn) : RuleCheck
    {
        public override string? Evaluate(object? value, ReadOnlySpan<object?> row)
        {
            // 1 男, 2 女 (GB/T 2261.1); 0 and 9 say nothing to compare.
            var male = row[sexColumn] switch
            {
                "1" or "男" or 1L => true,
                "2" or "女" or 2L => false,
                _ => (bool?)null,
            };
            if (male is null || value is not string { Length: >= 17 } s || !char.IsAsciiDigit(s[16]))
            {
                return NotApplicable;
            }

            return ((s[16] - '0') % 2 == 1) == male ? null
                : male.Value ? "the ID number's 17th digit is even (female), the record says male"
                : "the ID number's 17th digit is odd (male), the record says female";
        }
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gongshu.Storage;

namespace Gongshu.Governance.Rules;

/// <summary>
/// The data quality rules of one resource, checked against its columns when parsed. Shape:
/// <code>
/// { "rules": [
///   { "field": "id_number", "rule": "identity_number" },
///   { "field": "id_number", "rule": "id_matches_sex", "sexField": "sex" },
///   { "field": "sex", "rule": "code_table", "table": "gb2261_1" },
///   { "field": "age", "rule": "range", "min": 0, "max": 150 },
///   { "field": "birth_date", "rule": "range", "min": "1900-01-01", "max": "today" } ] }
/// </code>
/// Rules and their parameters: required; length [min] [max] (0–1,000,000, at least one);
/// pattern, pattern (.NET regex without backreferences or lookarounds, up to 1000 characters);
/// code_table with table gb2260 | gb2261_1, or values [strings]; range [min] [max]: numbers for
/// a numeric field, yyyy-MM-dd or "today" for a date field; unique; identity_number; credit_code;
/// organization_code; mobile; email; id_matches_birth_date, birthDateField; id_matches_sex,
/// sexField. Names are case-sensitive; any other property is refused.
/// <para>
/// <c>ticketThreshold</c> (0–1), on the rule set or on one rule: a load or check in which more
/// than this share of a rule's values fail opens a problem ticket (问题数据工单) to the provider;
/// 0.05 when not given, 1 for never.
/// </para>
/// </summary>
public sealed class RuleSet
{
    private const int MaxRules = 1000;
    private const int MaxPatternLength = 1000;
    private const int MaxValues = 10_000;

    /// <summary>Long enough for any sane value; it bounds a pathological one (a huge text field), not a pattern.</summary>
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    private static readonly Dictionary<string, string[]> Parameters = new(StringComparer.Ordinal)
    {
        ["required"] = [],
        ["length"] = ["min", "max"],
        ["pattern"] = ["pattern"],
        ["code_table"] = ["table", "values"],
        ["range"] = ["min", "max"],
        ["unique"] = [],
        ["identity_number"] = [],
        ["credit_code"] = [],
        ["organization_code"] = [],
        ["mobile"] = [],
        ["email"] = [],
        ["id_matches_birth_date"] = ["birthDateField"],
        ["id_matches_sex"] = ["sexField"],
        ["reference"] = ["resource", "referenceField"],
    };

    /// <summary>The failure rate above which a rule opens a problem ticket, unless the rule sets its own.</summary>
    public const double DefaultTicketThreshold = 0.05;

    private RuleSet(IReadOnlyList<QualityRule> rules, double ticketThreshold) => (Rules, TicketThreshold) = (rules, ticketThreshold);

    public IReadOnlyList<QualityRule> Rules { get; }

    /// <summary>The rule set's threshold for opening tickets; see <see cref="ThresholdOf"/> for one rule's.</summary>
    public double TicketThreshold { get; }

    public double ThresholdOf(QualityRule rule) => rule.TicketThreshold ?? TicketThreshold;

    /// <summary>
    /// Reads and checks a rule set. Errors are 400s naming the place at fault, e.g. <c>rules[2].min</c>:
    /// rules_malformed, unknown_rule, unknown_field, rule_type_mismatch, invalid_rule_parameter.
    /// </summary>
    public static RuleSet Parse(string json, IReadOnlyList<DatasetColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(columns);
        var byName = new Dictionary<string, DatasetColumn>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            byName.TryAdd(column.Name, column);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw Malformed("rules", $"The rule set is not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Malformed("rules", "The rule set is a JSON object: { \"rules\": [ ... ] }.");
            }

            var properties = Properties(root, "", name => name is "rules" or "ticketThreshold", "rules, ticketThreshold");
            if (!properties.TryGetValue("rules", out var rulesElement) || rulesElement.ValueKind != JsonValueKind.Array)
            {
                throw Malformed("rules", "The rule set needs \"rules\": a list of rules.");
            }

            if (rulesElement.GetArrayLength() > MaxRules)
            {
                throw Malformed("rules", $"A rule set holds at most {MaxRules} rules.");
            }

            var rules = new List<QualityRule>();
            foreach (var element in rulesElement.EnumerateArray())
            {
                rules.Add(ReadRule(element, rules.Count, byName));
            }

            return new RuleSet(rules, Threshold(properties, "") ?? DefaultTicketThreshold);
        }
    }

    private static QualityRule ReadRule(JsonElement element, int index, Dictionary<string, DatasetColumn> columns)
    {
        var at = $"rules[{index}]";
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(at, $"Each rule is a JSON object with a field and a rule; {at} is {Kind(element)}.");
        }

        var p = Properties(element, at + ".", _ => true, "");
        var code = Text(p, at, "rule", "unknown_rule");
        if (!Parameters.TryGetValue(code, out var accepted))
        {
            throw GongshuException.Invalid($"{at}.rule", $"'{code}' is not a rule; use one of {string.Join(", ", Parameters.Keys)}.", "unknown_rule");
        }

        foreach (var name in p.Keys)
        {
            if (name is not ("field" or "rule" or "ticketThreshold") && !accepted.Contains(name))
            {
                throw Parameter($"{at}.{name}",
                    $"'{name}' is not a parameter of {code}" + (accepted.Length == 0 ? ", which takes none." : $"; it takes {string.Join(", ", accepted)}."));
            }
        }

        var field = Text(p, at, "field", "unknown_field");
        var column = Column(columns, field, $"{at}.field");
        var kind = Kind(code, p, at, column, columns);
        return new QualityRule(index, field, kind, Threshold(p, at + "."));
    }

    private static RuleKind Kind(string code, Dictionary<string, JsonElement> p, string at, DatasetColumn column, Dictionary<string, DatasetColumn> columns)
    {
        switch (code)
        {
            case "required":
                return new RuleKind.Required();
            case "unique":
                return new RuleKind.Unique();
            case "length":
                Fits(column, at, code, IsText, "text");
                var (minLength, maxLength) = (OptionalInteger(p, at, "min"), OptionalInteger(p, at, "max"));
                Bounds(at, minLength, maxLength);
                return new RuleKind.Length(minLength, maxLength);
            case "pattern":
                Fits(column, at, code, IsText, "text");
                return Pattern(Text(p, at, "pattern", "invalid_rule_parameter", parameter: true), at);
            case "code_table":
                return CodeTable(p, at, column);
            case "range":
                return Range(p, at, column);
            case "identity_number":
                Fits(column, at, code, IsText, "text");
                return new RuleKind.IdentityNumber();
            case "credit_code":
                Fits(column, at, code, IsText, "text");
                return new RuleKind.CreditCode();
            case "organization_code":
                Fits(column, at, code, IsText, "text");
                return new RuleKind.OrganizationCode();
            case "mobile":
                Fits(column, at, code, IsText, "text");
                return new RuleKind.Mobile();
            case "email":
                Fits(column, at, code, IsText, "text");
                return new RuleKind.Email();
            case "id_matches_birth_date":
                Fits(column, at, code, IsText, "text (the 身份证号)");
                var birthDateField = Text(p, at, "birthDateField", "invalid_rule_parameter", parameter: true);
                var birthDate = Column(columns, birthDateField, $"{at}.birthDateField");
                if (birthDate.Type is not (FieldType.Date or FieldType.DateTime))
                {
                    throw Mismatch($"{at}.birthDateField", $"'{birthDateField}' is {birthDate.Type} ({birthDate.Type.Code()}); id_matches_birth_date compares with a date (D) or date-time (T) field.");
                }

                return new RuleKind.IdMatchesBirthDate(birthDateField);
            case "reference":
                // Whether that resource and field exist is checked by whoever saves the rules (it needs the catalog).
                return new RuleKind.Reference(Text(p, at, "resource", "invalid_rule_parameter", parameter: true),
                    Text(p, at, "referenceField", "invalid_rule_parameter", parameter: true));
            default:
                Fits(column, at, code, IsText, "text (the 身份证号)");
                var sexField = Text(p, at, "sexField", "invalid_rule_parameter", parameter: true);
                var sex = Column(columns, sexField, $"{at}.sexField");
                if (!IsText(sex.Type) && sex.Type != FieldType.Integer)
                {
                    throw Mismatch($"{at}.sexField", $"'{sexField}' is {sex.Type} ({sex.Type.Code()}); id_matches_sex reads 1/2 or 男/女 from a text or integer field.");
                }

                return new RuleKind.IdMatchesSex(sexField);
        }
    }

    private static RuleKind.Pattern Pattern(string expression, string at)
    {
        if (expression.Length is 0 or > MaxPatternLength)
        {
            throw Parameter($"{at}.pattern", $"A pattern has 1 to {MaxPatternLength} characters.");
        }

        try
        {
            return new RuleKind.Pattern(expression, new Regex(expression, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, MatchTimeout));
        }
        catch (NotSupportedException e)
        {
            // NonBacktracking refuses backreferences, lookarounds, atomic groups and the like: they are what makes a pattern exponential.
            throw Parameter($"{at}.pattern", $"The pattern uses a construct that cannot be matched in linear time (backreference, lookaround, atomic group, …): {e.Message}");
        }
        catch (ArgumentException e)
        {
            throw Parameter($"{at}.pattern", $"The pattern is not a valid regular expression: {e.Message}");
        }
    }

    private static RuleKind.CodeTable CodeTable(Dictionary<string, JsonElement> p, string at, DatasetColumn column)
    {
        var hasTable = p.ContainsKey("table");
        if (hasTable == p.ContainsKey("values"))
        {
            throw Parameter($"{at}.table", "code_table takes exactly one of table (gb2260, gb2261_1) or values (a list of codes).");
        }

        if (hasTable)
        {
            var table = Text(p, at, "table", "invalid_rule_parameter", parameter: true);
            switch (table)
            {
                case "gb2260":
                    Fits(column, at, "code_table gb2260", IsText, "text");
                    return new RuleKind.CodeTable(table, []);
                case "gb2261_1":
                    Fits(column, at, "code_table gb2261_1", t => IsText(t) || t == FieldType.Integer, "text or integer");
                    return new RuleKind.CodeTable(table, ["0", "1", "2", "9"]);
                default:
                    throw Parameter($"{at}.table", $"'{table}' is not a code table; use gb2260 (行政区划代码) or gb2261_1 (性别代码).");
            }
        }

        Fits(column, at, "code_table", t => IsText(t) || t == FieldType.Integer, "text or integer");
        var list = p["values"];
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() is 0 or > MaxValues)
        {
            throw Parameter($"{at}.values", $"values is a list of 1 to {MaxValues} codes, e.g. [\"A\", \"B\"].");
        }

        var values = new List<string>();
        foreach (var item in list.EnumerateArray())
        {
            values.Add(item.ValueKind switch
            {
                JsonValueKind.String => item.GetString()!,
                JsonValueKind.Number when column.Type == FieldType.Integer && item.TryGetInt64(out var number) => number.ToString(CultureInfo.InvariantCulture),
                _ => throw Parameter($"{at}.values[{values.Count}]", $"Each value is a string{(column.Type == FieldType.Integer ? " or a whole number" : "")}, not {Kind(item)}."),
            });
        }

        return new RuleKind.CodeTable(null, values);
    }

    private static RuleKind Range(Dictionary<string, JsonElement> p, string at, DatasetColumn column)
    {
        if (!p.ContainsKey("min") && !p.ContainsKey("max"))
        {
            throw Parameter($"{at}.min", "range takes min, max or both.");
        }

        if (column.Type is FieldType.Date or FieldType.DateTime)
        {
            var (min, minToday) = DateBound(p, at, "min");
            var (max, maxToday) = DateBound(p, at, "max");
            if (min > max)
            {
                throw Parameter($"{at}.min", $"min ({min:yyyy-MM-dd}) is after max ({max:yyyy-MM-dd}).");
            }

            return new RuleKind.DateRange(min, max, minToday, maxToday);
        }

        Fits(column, at, "range", t => t is FieldType.Numeric or FieldType.Currency or FieldType.Integer or FieldType.Double or FieldType.Float,
            "numeric (N, Y, I, B, F) or a date (D, T)");
        var minNumber = NumberBound(p, at, "min");
        var maxNumber = NumberBound(p, at, "max");
        if (minNumber > maxNumber)
        {
            throw Parameter($"{at}.min", $"min ({minNumber}) is above max ({maxNumber}).");
        }

        return new RuleKind.NumberRange(minNumber, maxNumber);
    }

    private static decimal? NumberBound(Dictionary<string, JsonElement> p, string at, string name)
        => !p.TryGetValue(name, out var element) ? null
            : element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var value) ? value
            : throw Parameter($"{at}.{name}", $"{name} is a number for a numeric field, not {Kind(element)}.");

    private static (DateOnly? Date, bool Today) DateBound(Dictionary<string, JsonElement> p, string at, string name)
    {
        if (!p.TryGetValue(name, out var element))
        {
            return (null, false);
        }

        var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : null;
        return text == "today" ? (null, true)
            : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? (date, false)
            : throw Parameter($"{at}.{name}", $"{name} is a date for a date field: \"yyyy-MM-dd\" or \"today\", not {(text is null ? Kind(element) : $"'{text}'")}.");
    }

    private static void Bounds(string at, int? min, int? max)
    {
        if (min is null && max is null)
        {
            throw Parameter($"{at}.min", "length takes min, max or both.");
        }

        if (min > max)
        {
            throw Parameter($"{at}.min", $"min ({min}) is above max ({max}).");
        }
    }

    private static bool IsText(FieldType type) => type is FieldType.Character or FieldType.Memo;

    private static void Fits(DatasetColumn column, string at, string rule, Func<FieldType, bool> fits, string expected)
    {
        if (!fits(column.Type))
        {
            throw Mismatch($"{at}.rule", $"{rule} does not apply to '{column.Name}', a {column.Type} ({column.Type.Code()}) field; it needs a {expected} field.");
        }
    }

    private static DatasetColumn Column(Dictionary<string, DatasetColumn> columns, string name, string field)
        => columns.TryGetValue(name, out var column) ? column
            : throw GongshuException.Invalid(field, $"'{name}' is not a field of this resource; use one of {string.Join(", ", columns.Keys)}.", "unknown_field");

    // The object's properties by name; a name that is not allowed, or given twice, is refused.
    private static Dictionary<string, JsonElement> Properties(JsonElement element, string prefix, Func<string, bool> allowed, string allowedList)
    {
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!allowed(property.Name))
            {
                throw Malformed(prefix + property.Name, $"'{property.Name}' is not a property here; use {allowedList}.");
            }

            if (!properties.TryAdd(property.Name, property.Value))
            {
                throw Malformed(prefix + property.Name, $"'{property.Name}' is given twice.");
            }
        }

        return properties;
    }

    private static string Text(Dictionary<string, JsonElement> p, string at, string name, string code, bool parameter = false)
    {
        if (!p.TryGetValue(name, out var element))
        {
            throw parameter ? Parameter($"{at}.{name}", $"This rule needs \"{name}\".") : Malformed($"{at}.{name}", $"Each rule needs \"{name}\".");
        }

        return element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw GongshuException.Invalid($"{at}.{name}", $"\"{name}\" is a string, not {Kind(element)}.", code);
    }

    private static int? OptionalInteger(Dictionary<string, JsonElement> p, string at, string name)
        => !p.TryGetValue(name, out var element) ? null
            : element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value) && value is >= 0 and <= 1_000_000 ? value
            : throw Parameter($"{at}.{name}", $"{name} is a whole number from 0 to 1000000{(element.ValueKind == JsonValueKind.Number ? "" : $", not {Kind(element)}")}.");

    private static double? Threshold(Dictionary<string, JsonElement> p, string prefix)
        => !p.TryGetValue("ticketThreshold", out var element) ? null
            : element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var value) && value is >= 0 and <= 1 ? value
            : throw Parameter(prefix + "ticketThreshold", $"ticketThreshold is a failure rate from 0 to 1 (0.05 is 5%){(element.ValueKind == JsonValueKind.Number ? "" : $", not {Kind(element)}")}.");

    private static GongshuException Malformed(string field, string message) => GongshuException.Invalid(field, message, "rules_malformed");

    private static GongshuException Parameter(string field, string message) => GongshuException.Invalid(field, message, "invalid_rule_parameter");

    private static GongshuException Mismatch(string field, string message) => GongshuException.Invalid(field, message, "rule_type_mismatch");

    private static string Kind(JsonElement element) => JsonKinds.Describe(element);
}

using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Gongshu.Security.Masking;

/// <summary>
/// A <see cref="MaskingPolicy"/> as JSON. Shape:
/// <code>
/// { "version": 3,
///   "rules": [ { "channel": "open", "grade": "L3", "type": "identity_number", "technique": "partial", "keepFirst": 6, "keepLast": 4 } ] }
/// </code>
/// <c>channel</c>: share | open | export | preview. <c>grade</c>: L1–L4 or any (the default).
/// <c>type</c>: a sensitive-type code, none (no type detected) or any (the default).
/// <c>granted</c>: true | false, share and export only. <c>technique</c> and its parameters:
/// keep; suppress; partial [keepFirst, keepLast: both or neither, 0–1000; neither means the
/// type's usual counts]; surname; address_to_county; pseudonymize; generalize_date, precision:
/// year | month; age_band [width 1–150, default 10] [top 0–200, default 0 = none]; round with
/// exactly one of significant (1–28), multiple (&gt; 0) or decimals (0–28); ip_prefix [octets
/// 1–3, default 3]. Names are case-sensitive; any other property is refused.
/// </summary>
internal static class MaskingPolicyJson
{
    private const int MaxCount = 1000;

    private static readonly Dictionary<string, string[]> Parameters = new(StringComparer.Ordinal)
    {
        ["keep"] = [],
        ["suppress"] = [],
        ["partial"] = ["keepFirst", "keepLast"],
        ["surname"] = [],
        ["address_to_county"] = [],
        ["pseudonymize"] = [],
        ["generalize_date"] = ["precision"],
        ["age_band"] = ["width", "top"],
        ["round"] = ["significant", "multiple", "decimals"],
        ["ip_prefix"] = ["octets"],
    };

    private static readonly HashSet<string> RuleProperties = new(["channel", "grade", "type", "granted", "technique"], StringComparer.Ordinal);
    private static readonly HashSet<string> AllParameters = new(Parameters.Values.SelectMany(p => p), StringComparer.Ordinal);

    public static MaskingPolicy Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw GongshuException.Invalid("policy", $"The masking policy is not valid JSON: {e.Message}", "policy_malformed");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw GongshuException.Invalid("policy", "The masking policy is a JSON object: { \"version\": 1, \"rules\": [ ... ] }.", "policy_malformed");
            }

            var properties = Properties(root, "", name => name is "version" or "rules", "version, rules");
            if (!properties.TryGetValue("version", out var versionElement))
            {
                throw GongshuException.Invalid("version", "The policy needs a version number (1 or more).", "required");
            }

            var version = Integer(versionElement, "version", 1, int.MaxValue);
            if (!properties.TryGetValue("rules", out var rulesElement) || rulesElement.ValueKind != JsonValueKind.Array)
            {
                throw GongshuException.Invalid("rules", "The policy needs \"rules\": a list of rules.", rulesElement.ValueKind == JsonValueKind.Undefined ? "required" : "policy_malformed");
            }

            var rules = new List<MaskingRule>();
            foreach (var rule in rulesElement.EnumerateArray())
            {
                rules.Add(ReadRule(rule, $"rules[{rules.Count}]"));
            }

            return new MaskingPolicy(version, rules);
        }
    }

    public static string Write(MaskingPolicy policy, bool indented)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (policy.Rules.Count * 96));
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", policy.Version);
            writer.WriteStartArray("rules");
            foreach (var rule in policy.Rules)
            {
                writer.WriteStartObject();
                writer.WriteString("channel", rule.Channel.Code());
                if (rule.Grade is { } grade)
                {
                    writer.WriteString("grade", grade.Code());
                }

                if (rule.Type is { } type)
                {
                    writer.WriteString("type", type.Code());
                }

                if (rule.Granted is { } granted)
                {
                    writer.WriteBoolean("granted", granted);
                }

                writer.WriteString("technique", rule.Technique.Code);
                WriteParameters(writer, rule.Technique);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteParameters(Utf8JsonWriter writer, MaskTechnique technique)
    {
        switch (technique)
        {
            case MaskTechnique.Partial { KeepFirst: { } first, KeepLast: { } last }:
                writer.WriteNumber("keepFirst", first);
                writer.WriteNumber("keepLast", last);
                break;
            case MaskTechnique.GeneralizeDate date:
                writer.WriteString("precision", date.Precision == DatePrecision.Year ? "year" : "month");
                break;
            case MaskTechnique.AgeBand band:
                writer.WriteNumber("width", band.Width);
                if (band.Top > 0)
                {
                    writer.WriteNumber("top", band.Top);
                }

                break;
            case MaskTechnique.Round { Mode: RoundMode.Significant } round:
                writer.WriteNumber("significant", round.Digits);
                break;
            case MaskTechnique.Round { Mode: RoundMode.Multiple } round:
                writer.WriteNumber("multiple", round.Multiple);
                break;
            case MaskTechnique.Round round:
                writer.WriteNumber("decimals", round.Digits);
                break;
            case MaskTechnique.IpPrefix prefix:
                writer.WriteNumber("octets", prefix.Octets);
                break;
            default:
                break;
        }
    }

    private static MaskingRule ReadRule(JsonElement rule, string at)
    {
        if (rule.ValueKind != JsonValueKind.Object)
        {
            throw GongshuException.Invalid(at, $"Each rule is a JSON object with a channel and a technique; {at} is {Kind(rule)}.", "policy_malformed");
        }

        var properties = Properties(rule, at + ".", name => RuleProperties.Contains(name) || AllParameters.Contains(name),
            "channel, grade, type, granted, technique and the technique's parameters");

        var channelText = Text(properties, at, "channel", required: true, "unknown_channel");
        if (!MaskingChannels.TryParse(channelText, out var channel) || channelText != channel.Code())
        {
            throw GongshuException.Invalid($"{at}.channel",
                $"'{channelText}' is not a channel; use one of {string.Join(", ", MaskingChannels.All.Select(c => c.Code()))}.", "unknown_channel");
        }

        DataGrade? grade = null;
        if (Text(properties, at, "grade", required: false, "unknown_grade") is { } gradeText and not "any")
        {
            grade = DataGradeCodes.TryParse(gradeText, out var g) && gradeText == g.Code() ? g
                : throw GongshuException.Invalid($"{at}.grade", $"'{gradeText}' is not a grade; use L1, L2, L3, L4 or any.", "unknown_grade");
        }

        SensitiveType? type = null;
        if (Text(properties, at, "type", required: false, "unknown_sensitive_type") is { } typeText and not "any")
        {
            type = SensitiveTypes.TryParse(typeText, out var t) && typeText == t.Code() ? t
                : throw GongshuException.Invalid($"{at}.type",
                    $"'{typeText}' is not a sensitive type; use any, none or one of {string.Join(", ", SensitiveTypes.All.Select(s => s.Code()))}.",
                    "unknown_sensitive_type");
        }

        bool? granted = null;
        if (properties.TryGetValue("granted", out var grantedElement))
        {
            granted = grantedElement.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw GongshuException.Invalid($"{at}.granted", "\"granted\" is true or false.", "invalid_parameter"),
            };
        }

        var code = Text(properties, at, "technique", required: true, "unknown_technique")!;
        if (!Parameters.TryGetValue(code, out var accepted))
        {
            throw GongshuException.Invalid($"{at}.technique",
                $"'{code}' is not a masking technique; use one of {string.Join(", ", MaskTechnique.Codes)}.", "unknown_technique");
        }

        foreach (var name in properties.Keys.Where(AllParameters.Contains))
        {
            if (!accepted.Contains(name))
            {
                throw GongshuException.Invalid($"{at}.{name}",
                    $"'{name}' is not a parameter of {code}" + (accepted.Length == 0 ? ", which takes none." : $"; it takes {string.Join(", ", accepted)}."),
                    "unknown_property");
            }
        }

        return new MaskingRule(channel, grade, type, granted, Technique(code, properties, at));
    }

    private static MaskTechnique Technique(string code, Dictionary<string, JsonElement> p, string at)
    {
        switch (code)
        {
            case "keep":
                return new MaskTechnique.Keep();
            case "suppress":
                return new MaskTechnique.Suppress();
            case "surname":
                return new MaskTechnique.Surname();
            case "address_to_county":
                return new MaskTechnique.AddressToCounty();
            case "pseudonymize":
                return new MaskTechnique.Pseudonymize();
            case "partial":
                var first = OptionalInteger(p, at, "keepFirst", 0, MaxCount);
                var last = OptionalInteger(p, at, "keepLast", 0, MaxCount);
                if (first is null != last is null)
                {
                    throw GongshuException.Invalid($"{at}.{(first is null ? "keepFirst" : "keepLast")}",
                        "partial takes keepFirst and keepLast together, or neither for the type's usual counts.", "required");
                }

                return new MaskTechnique.Partial(first, last);
            case "generalize_date":
                return Text(p, at, "precision", required: true, "invalid_parameter") switch
                {
                    "year" => new MaskTechnique.GeneralizeDate(DatePrecision.Year),
                    "month" => new MaskTechnique.GeneralizeDate(DatePrecision.Month),
                    var other => throw GongshuException.Invalid($"{at}.precision", $"'{other}' is not a precision; use year or month.", "invalid_parameter"),
                };
            case "age_band":
                return new MaskTechnique.AgeBand(OptionalInteger(p, at, "width", 1, 150) ?? 10, OptionalInteger(p, at, "top", 0, 200) ?? 0);
            case "ip_prefix":
                return new MaskTechnique.IpPrefix(OptionalInteger(p, at, "octets", 1, 3) ?? 3);
            default:
                var modes = new[] { "significant", "multiple", "decimals" }.Where(p.ContainsKey).ToList();
                if (modes.Count != 1)
                {
                    throw GongshuException.Invalid($"{at}.{(modes.Count == 0 ? "significant" : modes[1])}",
                        "round takes exactly one of significant (digits kept), multiple (e.g. 100) or decimals (places kept).",
                        modes.Count == 0 ? "required" : "invalid_parameter");
                }

                return modes[0] switch
                {
                    "significant" => MaskTechnique.Round.ToSignificant(Integer(p["significant"], $"{at}.significant", 1, MaskTechnique.Round.MaxDigits)),
                    "decimals" => MaskTechnique.Round.TruncateDecimals(Integer(p["decimals"], $"{at}.decimals", 0, MaskTechnique.Round.MaxDigits)),
                    _ => MaskTechnique.Round.ToMultiple(p["multiple"].ValueKind == JsonValueKind.Number && p["multiple"].TryGetDecimal(out var step) && step > 0
                        ? step
                        : throw GongshuException.Invalid($"{at}.multiple", "multiple is a number above zero, e.g. 100 or 0.5.", "invalid_parameter")),
                };
        }
    }

    // The object's properties by name; a name that is not allowed, or given twice, is refused.
    private static Dictionary<string, JsonElement> Properties(JsonElement element, string prefix, Func<string, bool> allowed, string allowedList)
    {
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!allowed(property.Name))
            {
                throw GongshuException.Invalid(prefix + property.Name, $"'{property.Name}' is not a property here; use {allowedList}.", "unknown_property");
            }

            if (!properties.TryAdd(property.Name, property.Value))
            {
                throw GongshuException.Invalid(prefix + property.Name, $"'{property.Name}' is given twice.", "policy_malformed");
            }
        }

        return properties;
    }

    private static string? Text(Dictionary<string, JsonElement> properties, string at, string name, bool required, string code)
    {
        if (!properties.TryGetValue(name, out var element))
        {
            return required ? throw GongshuException.Invalid($"{at}.{name}", $"Each rule needs \"{name}\".", "required") : null;
        }

        return element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw GongshuException.Invalid($"{at}.{name}", $"\"{name}\" is a string, not {Kind(element)}.", code);
    }

    private static int? OptionalInteger(Dictionary<string, JsonElement> properties, string at, string name, int min, int max)
        => properties.TryGetValue(name, out var element) ? Integer(element, $"{at}.{name}", min, max) : null;

    private static int Integer(JsonElement element, string field, int min, int max)
        => element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value) && value >= min && value <= max
            ? value
            : throw GongshuException.Invalid(field, $"{field} is a whole number from {min} to {max}{(element.ValueKind == JsonValueKind.Number ? "" : $", not {Kind(element)}")}.", "invalid_parameter");

    private static string Kind(JsonElement element) => JsonKinds.Describe(element);
}

using System.Collections.Frozen;
using System.Text;
using Gongshu.Security.Crypto;

namespace Gongshu.Security.Masking;

/// <summary>
/// Which technique each field gets on each channel, by grade and sensitive type (脱敏策略).
/// <para>
/// Resolution for a field (channel, grade, type, named by the grant or not): a rule that names the
/// grant state beats one that does not; then a rule naming the type beats one that does not; then
/// one naming the grade. So the order tried is type+grade+granted, type+granted, grade+granted,
/// granted, type+grade, type, grade, then the channel's default; a field no rule reaches is
/// suppressed. Whatever the rules say, L4 fields are suppressed on <c>open</c> and
/// <c>preview</c> (STANDARDS.md §3: never opened, shared only on approval), and a rule that would
/// do otherwise is refused.
/// </para>
/// <para>
/// JSON (see <see cref="Parse"/>):
/// <c>{ "version": 3, "rules": [ { "channel": "open", "grade": "L3", "type": "identity_number",
/// "technique": "partial", "keepFirst": 6, "keepLast": 4 } ] }</c>. <see cref="Fingerprint"/> is
/// the SM3 of the canonical form (<see cref="ToJson"/>), so an audit entry names exactly the
/// policy that applied, whatever the order or spacing of the text it was read from.
/// </para>
/// </summary>
public sealed class MaskingPolicy
{
    private static readonly Lazy<MaskingPolicy> LazyDefault = new(() => new MaskingPolicy(1, DefaultRules()));

    private readonly FrozenDictionary<(MaskingChannel, DataGrade?, SensitiveType?, bool?), MaskTechnique> _byScope;

    /// <summary>A policy of <paramref name="rules"/>; a 400 naming <c>rules[i]</c> when one is not allowed (see <see cref="Parse"/>).</summary>
    public MaskingPolicy(int version, IEnumerable<MaskingRule> rules)
    {
        if (version < 1)
        {
            throw GongshuException.Invalid("version", "The policy version is a whole number from 1 up.", "invalid_parameter");
        }

        var byScope = new Dictionary<(MaskingChannel, DataGrade?, SensitiveType?, bool?), (int Index, MaskTechnique Technique)>();
        var index = 0;
        foreach (var rule in rules)
        {
            Check(rule, $"rules[{index}]");
            var key = (rule.Channel, rule.Grade, rule.Type, rule.Granted);
            if (byScope.TryGetValue(key, out var earlier))
            {
                throw GongshuException.Invalid($"rules[{index}]",
                    $"Rule {index} is for the same fields as rule {earlier.Index} ({rule.Scope}); keep one of them.", "duplicate_rule");
            }

            byScope[key] = (index++, rule.Technique);
        }

        Version = version;
        _byScope = byScope.ToFrozenDictionary(p => p.Key, p => p.Value.Technique);
        Rules = [.. byScope.OrderBy(p => p.Key.Item1).ThenBy(p => p.Key.Item2).ThenBy(p => p.Key.Item3).ThenBy(p => p.Key.Item4)
            .Select(p => new MaskingRule(p.Key.Item1, p.Key.Item2, p.Key.Item3, p.Key.Item4, p.Value.Technique))];
        var canonical = MaskingPolicyJson.Write(this, indented: false);
        Fingerprint = Sm3.HashHex(Encoding.UTF8.GetBytes(canonical));
    }

    /// <summary>The built-in policy (STANDARDS.md §3 and §4); its table is in docs/MASKING.md.</summary>
    public static MaskingPolicy Default => LazyDefault.Value;

    /// <summary>The revision number the policy's author gave it.</summary>
    public int Version { get; }

    /// <summary>The rules in canonical order: by channel, grade, type, grant state.</summary>
    public IReadOnlyList<MaskingRule> Rules { get; }

    /// <summary>SM3 (hex) of the canonical JSON: equal for equal policies, however they were written.</summary>
    public string Fingerprint { get; }

    /// <summary>
    /// Reads a policy, checking everything: JSON that cannot be read is <c>policy_malformed</c>;
    /// otherwise the 400 names the property at fault, e.g. <c>rules[3].type</c> with
    /// <c>unknown_sensitive_type</c> (also <c>unknown_channel</c>, <c>unknown_grade</c>,
    /// <c>unknown_technique</c>, <c>unknown_property</c>, <c>required</c>, <c>invalid_parameter</c>,
    /// <c>technique_not_applicable</c>, <c>granted_not_applicable</c>, <c>l4_always_suppressed</c>,
    /// <c>duplicate_rule</c>).
    /// </summary>
    public static MaskingPolicy Parse(string json) => MaskingPolicyJson.Read(json);

    /// <summary>The canonical JSON: rules in canonical order, properties in a fixed order, only those set.</summary>
    public string ToJson(bool indented = false) => MaskingPolicyJson.Write(this, indented);

    /// <summary>The technique for a field; <paramref name="granted"/> is true when the grant names the field explicitly.</summary>
    public MaskTechnique Resolve(MaskingChannel channel, DataGrade grade, SensitiveType type, bool granted)
    {
        if (grade == DataGrade.L4 && channel is MaskingChannel.Open or MaskingChannel.Preview)
        {
            return new MaskTechnique.Suppress();
        }

        foreach (var grant in (ReadOnlySpan<bool?>)[granted, null])
        {
            foreach (var (byType, byGrade) in (ReadOnlySpan<(SensitiveType?, DataGrade?)>)[(type, grade), (type, null), (null, grade), (null, null)])
            {
                if (_byScope.TryGetValue((channel, byGrade, byType, grant), out var technique))
                {
                    return technique;
                }
            }
        }

        return new MaskTechnique.Suppress();
    }

    private static void Check(MaskingRule rule, string at)
    {
        ArgumentNullException.ThrowIfNull(rule.Technique);
        var technique = rule.Technique;
        if (rule.Type is { } type ? !technique.AppliesTo(type) : !technique.AppliesToEveryType)
        {
            var allowed = string.Join(", ", new[] { SensitiveType.None }.Concat(SensitiveTypes.All).Where(technique.AppliesTo).Select(t => t.Code()));
            throw GongshuException.Invalid($"{at}.technique",
                $"{technique.Code} does not apply to {(rule.Type is { } t ? t.Code() : "every type")}; it applies to {allowed}. "
                + "A rule for any type may use keep, suppress, partial or pseudonymize.", "technique_not_applicable");
        }

        if (rule.Granted is not null && rule.Channel is MaskingChannel.Open or MaskingChannel.Preview)
        {
            throw GongshuException.Invalid($"{at}.granted",
                $"There are no grants on the {rule.Channel.Code()} channel; \"granted\" is for share and export rules.", "granted_not_applicable");
        }

        if (rule.Grade == DataGrade.L4 && rule.Channel is MaskingChannel.Open or MaskingChannel.Preview && technique is not MaskTechnique.Suppress)
        {
            throw GongshuException.Invalid($"{at}.technique",
                $"L4 fields are never opened or previewed (STANDARDS §3): on {rule.Channel.Code()} they are always suppressed.", "l4_always_suppressed");
        }
    }

    /// <summary>
    /// Open: L4 suppressed; L3 masked by the type's rule and suppressed when no type was detected;
    /// L2 masked by the type's rule; L1 kept. Share and export: a field the grant names is kept;
    /// otherwise L4 is pseudonymized (joins still work), L3 masked by the type's rule (kept when no
    /// type was detected), L1–L2 kept. Preview: every detected type masked by its rule, whatever
    /// the grade; L4 suppressed, and L3 with no detected type too (as on the open channel).
    /// </summary>
    private static IEnumerable<MaskingRule> DefaultRules()
    {
        foreach (var channel in (MaskingChannel[])[MaskingChannel.Share, MaskingChannel.Export])
        {
            yield return new(channel, new MaskTechnique.Keep());
            yield return new(channel, null, null, true, new MaskTechnique.Keep());
            yield return new(channel, DataGrade.L4, null, null, new MaskTechnique.Pseudonymize());
            foreach (var rule in TypeRules(channel, DataGrade.L3, untyped: new MaskTechnique.Keep()))
            {
                yield return rule;
            }
        }

        yield return new(MaskingChannel.Open, new MaskTechnique.Keep());
        yield return new(MaskingChannel.Open, DataGrade.L4, null, null, new MaskTechnique.Suppress());
        foreach (var rule in TypeRules(MaskingChannel.Open, DataGrade.L3, untyped: new MaskTechnique.Suppress())
            .Concat(TypeRules(MaskingChannel.Open, DataGrade.L2, untyped: new MaskTechnique.Keep())))
        {
            yield return rule;
        }

        yield return new(MaskingChannel.Preview, DataGrade.L4, null, null, new MaskTechnique.Suppress());

        // A preview is shown to the public on open resources: no looser than the open channel.
        yield return new(MaskingChannel.Preview, DataGrade.L3, SensitiveType.None, null, new MaskTechnique.Suppress());
        foreach (var rule in TypeRules(MaskingChannel.Preview, null, untyped: new MaskTechnique.Keep()))
        {
            yield return rule;
        }
    }

    // Each type's usual mask (partial with the type's counts, or its own technique) at one grade.
    private static IEnumerable<MaskingRule> TypeRules(MaskingChannel channel, DataGrade? grade, MaskTechnique untyped)
    {
        yield return new(channel, grade, null, null, new MaskTechnique.Partial());
        yield return new(channel, grade, SensitiveType.None, null, untyped);
        yield return new(channel, grade, SensitiveType.PersonName, null, new MaskTechnique.Surname());
        yield return new(channel, grade, SensitiveType.Address, null, new MaskTechnique.AddressToCounty());
        yield return new(channel, grade, SensitiveType.IpAddress, null, new MaskTechnique.IpPrefix());
    }
}

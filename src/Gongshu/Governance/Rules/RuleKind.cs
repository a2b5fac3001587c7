using System.Text.RegularExpressions;

namespace Gongshu.Governance.Rules;

/// <summary>
/// What a data quality rule (数据质量规则) checks, with its parameters. Every kind but
/// <see cref="Required"/> skips a null value: absence is <see cref="Required"/>'s business alone.
/// </summary>
public abstract record RuleKind
{
    private RuleKind()
    {
    }

    /// <summary>The rule's name in a rule set, e.g. <c>identity_number</c>.</summary>
    public abstract string Code { get; }

    /// <summary>
    /// Cross-resource reference (关联校验): the value exists in another resource's field, e.g. an
    /// enterprise's credit code in the 法人 base library. The other resource's values are given when
    /// the rules are compiled for a load.
    /// </summary>
    public sealed record Reference(string Resource, string ReferenceField) : RuleKind
    {
        public override string Code => "reference";
    }

    /// <summary>The value is not null.</summary>
    public sealed record Required : RuleKind
    {
        public override string Code => "required";
    }

    /// <summary>Text of <paramref name="Min"/> to <paramref name="Max"/> characters (Unicode scalar values, as varchar(n) counts them).</summary>
    public sealed record Length(int? Min, int? Max) : RuleKind
    {
        public override string Code => "length";
    }

    /// <summary>
    /// Text in which <paramref name="Regex"/> finds a match (anchor it with ^…$ to match the whole value).
    /// Compiled NonBacktracking, so matching time is linear in the input whatever the pattern.
    /// </summary>
    public sealed record Pattern(string Expression, Regex Regex) : RuleKind
    {
        public override string Code => "pattern";
    }

    /// <summary>A code from <paramref name="Table"/> (gb2260, gb2261_1) or, with no table, one of <paramref name="Values"/>.</summary>
    public sealed record CodeTable(string? Table, IReadOnlyList<string> Values) : RuleKind
    {
        public override string Code => "code_table";
    }

    /// <summary>A number from <paramref name="Min"/> to <paramref name="Max"/>, inclusive.</summary>
    public sealed record NumberRange(decimal? Min, decimal? Max) : RuleKind
    {
        public override string Code => "range";
    }

    /// <summary>A date from <paramref name="Min"/> to <paramref name="Max"/>, inclusive; a null bound with its Today flag set means the day the check runs.</summary>
    public sealed record DateRange(DateOnly? Min, DateOnly? Max, bool MinIsToday, bool MaxIsToday) : RuleKind
    {
        public override string Code => "range";
    }

    /// <summary>No value twice within one load.</summary>
    public sealed record Unique : RuleKind
    {
        public override string Code => "unique";
    }

    /// <summary>
    /// 居民身份证号: GB 11643 check character, a real birth date not after today, and a known
    /// province in the first two digits. The full six-digit code is not required to be on the
    /// current GB/T 2260 list: a number keeps the code it was issued under, and codes retired
    /// since (440524 潮阳县, say) still head valid numbers.
    /// </summary>
    public sealed record IdentityNumber : RuleKind
    {
        public override string Code => "identity_number";
    }

    /// <summary>统一社会信用代码, GB 32100 check character and the GB 11714 check of its organization code.</summary>
    public sealed record CreditCode : RuleKind
    {
        public override string Code => "credit_code";
    }

    /// <summary>组织机构代码, GB 11714, as <c>M000100Y4</c> or <c>M000100Y-4</c>.</summary>
    public sealed record OrganizationCode : RuleKind
    {
        public override string Code => "organization_code";
    }

    /// <summary>手机号: 11 digits, 1 then 3–9.</summary>
    public sealed record Mobile : RuleKind
    {
        public override string Code => "mobile";
    }

    /// <summary>An ASCII e-mail address: local@domain.tld (an internationalized domain in its xn-- form).</summary>
    public sealed record Email : RuleKind
    {
        public override string Code => "email";
    }

    /// <summary>This field's 身份证号 carries the birth date in <paramref name="BirthDateField"/>.</summary>
    public sealed record IdMatchesBirthDate(string BirthDateField) : RuleKind
    {
        public override string Code => "id_matches_birth_date";
    }

    /// <summary>This field's 身份证号 agrees with the sex in <paramref name="SexField"/> (1/男 for an odd 17th digit, 2/女 for an even one).</summary>
    public sealed record IdMatchesSex(string SexField) : RuleKind
    {
        public override string Code => "id_matches_sex";
    }
}

/// <summary>One rule of a <see cref="RuleSet"/>; <see cref="Id"/> is its index in the set, stable as long as the set is.</summary>
public sealed record QualityRule(int Id, string Field, RuleKind Kind, double? TicketThreshold = null)
{
    /// <summary>A short label for reports, e.g. <c>id_number: identity_number</c>.</summary>
    public string Description => Kind is RuleKind.CodeTable { Table: { } table } ? $"{Field}: code_table {table}" : $"{Field}: {Kind.Code}";
}

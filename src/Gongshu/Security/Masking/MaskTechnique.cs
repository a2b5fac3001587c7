using System.Globalization;

namespace Gongshu.Security.Masking;

/// <summary>How much of a date <see cref="MaskTechnique.GeneralizeDate"/> keeps.</summary>
public enum DatePrecision
{
    Year,
    Month,
}

/// <summary>What <see cref="MaskTechnique.Round"/> does to a number.</summary>
public enum RoundMode
{
    /// <summary>To <see cref="MaskTechnique.Round.Digits"/> significant digits: 12,345 → 12,000 for 2.</summary>
    Significant,

    /// <summary>To the nearest multiple of <see cref="MaskTechnique.Round.Multiple"/>: 12,345 → 12,300 for 100.</summary>
    Multiple,

    /// <summary>Cuts the digits after <see cref="MaskTechnique.Round.Digits"/> decimal places: 3.789 → 3.7 for 1.</summary>
    Decimals,
}

/// <summary>
/// One de-identification technique (GB/T 37964) and its parameters: the closed set a masking
/// policy chooses from. <see cref="object.ToString"/> gives the form audit entries and API
/// responses show, e.g. <c>partial(6,4)</c>.
/// </summary>
public abstract record MaskTechnique
{
    private MaskTechnique()
    {
    }

    /// <summary>The name used in policies, e.g. <c>partial</c>.</summary>
    public abstract string Code { get; }

    /// <summary>The technique codes, in the order policies document them.</summary>
    public static IReadOnlyList<string> Codes { get; } =
        ["keep", "suppress", "partial", "surname", "address_to_county", "pseudonymize", "generalize_date", "age_band", "round", "ip_prefix"];

    /// <summary>True when the technique means something for values of <paramref name="type"/>.</summary>
    public abstract bool AppliesTo(SensitiveType type);

    /// <summary>True when it applies to every type, so a rule for any type may use it.</summary>
    public bool AppliesToEveryType => AppliesTo(SensitiveType.None) && SensitiveTypes.All.All(AppliesTo);

    public sealed override string ToString() => Parameters is { } parameters ? $"{Code}({parameters})" : Code;

    /// <summary>The parameters as shown in <see cref="ToString"/>; abstract and assembly-private, so the set stays closed.</summary>
    private protected abstract string? Parameters { get; }

    /// <summary>The value goes out unchanged.</summary>
    public sealed record Keep : MaskTechnique
    {
        private protected override string? Parameters => null;

        public override string Code => "keep";

        public override bool AppliesTo(SensitiveType type) => true;
    }

    /// <summary>The value goes out as null.</summary>
    public sealed record Suppress : MaskTechnique
    {
        private protected override string? Parameters => null;

        public override string Code => "suppress";

        public override bool AppliesTo(SensitiveType type) => true;
    }

    /// <summary>
    /// Keeps the first <see cref="KeepFirst"/> and last <see cref="KeepLast"/> characters and
    /// writes <c>*</c> for each of the others; null counts mean the type's common rule
    /// (<see cref="DefaultFor"/>). For e-mail the counts apply to the part before the <c>@</c> and
    /// the domain is kept. A value with no more characters than the two counts together is
    /// masked entirely, so a short value never goes out whole.
    /// </summary>
    public sealed record Partial : MaskTechnique
    {
        public Partial(int? keepFirst = null, int? keepLast = null)
        {
            if (keepFirst is null != keepLast is null)
            {
                throw new ArgumentException("Give both counts or neither.", nameof(keepFirst));
            }

            KeepFirst = keepFirst is null or >= 0 ? keepFirst : throw new ArgumentOutOfRangeException(nameof(keepFirst));
            KeepLast = keepLast is null or >= 0 ? keepLast : throw new ArgumentOutOfRangeException(nameof(keepLast));
        }

        public int? KeepFirst { get; }

        public int? KeepLast { get; }

        public override string Code => "partial";

        private protected override string? Parameters => KeepFirst is { } first ? $"{first},{KeepLast}" : null;

        public override bool AppliesTo(SensitiveType type) => true;

        /// <summary>
        /// The common practice per type (STANDARDS.md §4): 身份证号 6+4, 手机号 3+4, 银行卡号 6+4,
        /// 护照号 1+3, 车牌号 2+1 (浙A****5), e-mail 1+0 before the <c>@</c>. 统一社会信用代码 8+0: the
        /// registration authority, kind of body and division stay (useful in statistics), the
        /// organization's own nine characters and the check character do not. Names, addresses,
        /// IP addresses and untyped values keep their first character only: their own techniques
        /// (surname, address_to_county, ip_prefix) are what policies use for them.
        /// </summary>
        public static (int KeepFirst, int KeepLast) DefaultFor(SensitiveType type) => type switch
        {
            SensitiveType.IdentityNumber => (6, 4),
            SensitiveType.MobileNumber => (3, 4),
            SensitiveType.BankCard => (6, 4),
            SensitiveType.CreditCode => (8, 0),
            SensitiveType.PassportNumber => (1, 3),
            SensitiveType.PlateNumber => (2, 1),
            _ => (1, 0),
        };

        /// <summary>This technique with the counts filled in for <paramref name="type"/>.</summary>
        public Partial For(SensitiveType type)
        {
            var (first, last) = DefaultFor(type);
            return KeepFirst is null ? new Partial(first, last) : this;
        }
    }

    /// <summary>姓名: keeps the surname (compound surnames such as 欧阳 whole) and masks the given name: 张*, 欧阳**.</summary>
    public sealed record Surname : MaskTechnique
    {
        private protected override string? Parameters => null;

        public override string Code => "surname";

        public override bool AppliesTo(SensitiveType type) => type == SensitiveType.PersonName;
    }

    /// <summary>地址: cuts the address after its county-level division (or its city when no county is named): 浙江省杭州市西湖区.</summary>
    public sealed record AddressToCounty : MaskTechnique
    {
        private protected override string? Parameters => null;

        public override string Code => "address_to_county";

        public override bool AppliesTo(SensitiveType type) => type == SensitiveType.Address;
    }

    /// <summary>A keyed HMAC-SM3 token: the same value gives the same token within one pseudonymization scope.</summary>
    public sealed record Pseudonymize : MaskTechnique
    {
        private protected override string? Parameters => null;

        public override string Code => "pseudonymize";

        public override bool AppliesTo(SensitiveType type) => true;
    }

    /// <summary>A date to its year (2023) or month (2023-01).</summary>
    public sealed record GeneralizeDate(DatePrecision Precision) : MaskTechnique
    {
        public override string Code => "generalize_date";

        private protected override string Parameters => Precision == DatePrecision.Year ? "year" : "month";

        public override bool AppliesTo(SensitiveType type) => type == SensitiveType.None;
    }

    /// <summary>
    /// A birth date, an age, or the birth date inside a 身份证号 to an age band of
    /// <see cref="Width"/> years (30-39), counted at the delivery date; ages from
    /// <see cref="Top"/> up become one band (90+) when it is above zero.
    /// </summary>
    public sealed record AgeBand : MaskTechnique
    {
        public AgeBand(int width = 10, int top = 0)
        {
            Width = width >= 1 ? width : throw new ArgumentOutOfRangeException(nameof(width));
            Top = top >= 0 ? top : throw new ArgumentOutOfRangeException(nameof(top));
        }

        public int Width { get; }

        public int Top { get; }

        public override string Code => "age_band";

        private protected override string Parameters => Top > 0 ? $"{Width},top={Top}" : $"{Width}";

        public override bool AppliesTo(SensitiveType type) => type is SensitiveType.None or SensitiveType.IdentityNumber;
    }

    /// <summary>Numbers made coarser: significant digits, a multiple, or decimals cut.</summary>
    public sealed record Round : MaskTechnique
    {
        /// <summary>The most digits a decimal carries.</summary>
        public const int MaxDigits = 28;

        private Round(RoundMode mode, int digits, decimal multiple)
        {
            Mode = mode;
            Digits = digits;
            Multiple = multiple;
        }

        public RoundMode Mode { get; }

        /// <summary>Significant digits kept (<see cref="RoundMode.Significant"/>) or decimal places kept (<see cref="RoundMode.Decimals"/>).</summary>
        public int Digits { get; }

        /// <summary>The step rounded to (<see cref="RoundMode.Multiple"/>).</summary>
        public decimal Multiple { get; }

        public override string Code => "round";

        private protected override string Parameters => Mode switch
        {
            RoundMode.Significant => $"significant={Digits}",
            RoundMode.Multiple => $"multiple={Multiple.ToString(CultureInfo.InvariantCulture)}",
            _ => $"decimals={Digits}",
        };

        public static Round ToSignificant(int digits)
            => new(RoundMode.Significant, digits is >= 1 and <= MaxDigits ? digits : throw new ArgumentOutOfRangeException(nameof(digits)), 0);

        public static Round ToMultiple(decimal multiple)
            => new(RoundMode.Multiple, 0, multiple > 0
                ? multiple / 1.000000000000000000000000000000000m // drops trailing zeros: 100.0 and 100 are one policy
                : throw new ArgumentOutOfRangeException(nameof(multiple)));

        public static Round TruncateDecimals(int decimals)
            => new(RoundMode.Decimals, decimals is >= 0 and <= MaxDigits ? decimals : throw new ArgumentOutOfRangeException(nameof(decimals)), 0);

        public override bool AppliesTo(SensitiveType type) => type == SensitiveType.None;
    }

    /// <summary>An IPv4 address to its first <see cref="Octets"/> octets (192.168.1.*); IPv6 to its first three groups (a /48).</summary>
    public sealed record IpPrefix : MaskTechnique
    {
        public IpPrefix(int octets = 3)
            => Octets = octets is >= 1 and <= 3 ? octets : throw new ArgumentOutOfRangeException(nameof(octets));

        public int Octets { get; }

        public override string Code => "ip_prefix";

        private protected override string Parameters => Octets.ToString(CultureInfo.InvariantCulture);

        public override bool AppliesTo(SensitiveType type) => type == SensitiveType.IpAddress;
    }
}

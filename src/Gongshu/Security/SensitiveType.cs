namespace Gongshu.Security;

/// <summary>
/// The kinds of sensitive value the platform recognizes in a field (敏感数据类型). Detection
/// suggests one per field; masking policies and grading are keyed by it.
/// </summary>
public enum SensitiveType
{
    /// <summary>Nothing sensitive was recognized.</summary>
    None,

    /// <summary>居民身份证号 (GB 11643).</summary>
    IdentityNumber,

    /// <summary>手机号.</summary>
    MobileNumber,

    /// <summary>银行卡号 (Luhn check).</summary>
    BankCard,

    /// <summary>统一社会信用代码 (GB 32100).</summary>
    CreditCode,

    /// <summary>电子邮箱.</summary>
    Email,

    /// <summary>姓名.</summary>
    PersonName,

    /// <summary>地址.</summary>
    Address,

    /// <summary>车牌号.</summary>
    PlateNumber,

    /// <summary>IP 地址.</summary>
    IpAddress,

    /// <summary>护照号.</summary>
    PassportNumber,
}

public static class SensitiveTypes
{
    /// <summary>Every type but <see cref="SensitiveType.None"/>.</summary>
    public static IReadOnlyList<SensitiveType> All { get; } = [.. Enum.GetValues<SensitiveType>().Where(t => t != SensitiveType.None)];

    /// <summary>The stable name used in policies, APIs and audit entries, e.g. <c>identity_number</c>.</summary>
    public static string Code(this SensitiveType type) => type switch
    {
        SensitiveType.None => "none",
        SensitiveType.IdentityNumber => "identity_number",
        SensitiveType.MobileNumber => "mobile_number",
        SensitiveType.BankCard => "bank_card",
        SensitiveType.CreditCode => "credit_code",
        SensitiveType.Email => "email",
        SensitiveType.PersonName => "person_name",
        SensitiveType.Address => "address",
        SensitiveType.PlateNumber => "plate_number",
        SensitiveType.IpAddress => "ip_address",
        SensitiveType.PassportNumber => "passport_number",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The Chinese label shown to users.</summary>
    public static string Label(this SensitiveType type) => type switch
    {
        SensitiveType.None => "无",
        SensitiveType.IdentityNumber => "身份证号",
        SensitiveType.MobileNumber => "手机号",
        SensitiveType.BankCard => "银行卡号",
        SensitiveType.CreditCode => "统一社会信用代码",
        SensitiveType.Email => "电子邮箱",
        SensitiveType.PersonName => "姓名",
        SensitiveType.Address => "地址",
        SensitiveType.PlateNumber => "车牌号",
        SensitiveType.IpAddress => "IP 地址",
        SensitiveType.PassportNumber => "护照号",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static bool TryParse(string? code, out SensitiveType type)
    {
        foreach (var candidate in Enum.GetValues<SensitiveType>())
        {
            if (string.Equals(candidate.Code(), code, StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }

        type = SensitiveType.None;
        return false;
    }
}

namespace Gongshu.Security.Detection;

public static class SensitiveGrading
{
    /// <summary>
    /// The grade (DB33/T 2350) a field of <paramref name="type"/> suggests on its own:
    /// <list type="bullet">
    /// <item>L4 银行卡号: an account number is 账号, named as 敏感 by the standard, and enough to move money.</item>
    /// <item>L3 身份证号, 手机号, 姓名, 地址, 护照号: personal details that identify or reach one person (较敏感).</item>
    /// <item>L2 电子邮箱, 车牌号, IP 地址: they point at a person only with other data to link them.</item>
    /// <item>L1 统一社会信用代码: published by law in the enterprise credit publicity system; and fields with nothing found.</item>
    /// </list>
    /// The L4 rule for combinations (身份证号 and 姓名 in the same resource) is applied to the whole
    /// resource, not here.
    /// </summary>
    public static DataGrade SuggestedGrade(SensitiveType type) => type switch
    {
        SensitiveType.BankCard => DataGrade.L4,
        SensitiveType.IdentityNumber or SensitiveType.MobileNumber or SensitiveType.PersonName
            or SensitiveType.Address or SensitiveType.PassportNumber => DataGrade.L3,
        SensitiveType.Email or SensitiveType.PlateNumber or SensitiveType.IpAddress => DataGrade.L2,
        SensitiveType.CreditCode or SensitiveType.None => DataGrade.L1,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}

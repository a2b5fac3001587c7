using Gongshu.Identifiers;
using Gongshu.Security;
using Gongshu.Security.Detection;
using Xunit;

namespace Gongshu.Tests.Security.Detection;

public class FieldScannerTests
{
    private static FieldDetection Scan(IEnumerable<string> values, string? name = null, string? label = null)
    {
        var scanner = new FieldScanner();
        foreach (var value in values)
        {
            scanner.Add(value);
        }

        return scanner.Result(name, label);
    }

    private static IEnumerable<string> IdentityNumbers(int count, int seed = 1)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            yield return IdentityNumber.Create("330106", new DateOnly(1950, 1, 1).AddDays(random.Next(20_000)), random.Next(1000));
        }
    }

    [Fact]
    public void A_column_of_identity_numbers_with_blanks_placeholders_and_a_typo_is_an_identity_number_field()
    {
        var values = IdentityNumbers(96).Concat(["", "  ", "无", "NULL", "110105194912310021"]).ToList();

        var result = Scan(values, "sfzh", "公民身份号码");

        Assert.Equal(SensitiveType.IdentityNumber, result.Type);
        Assert.Equal((101, 97, 96), (result.Sampled, result.NonEmpty, result.Matched));
        Assert.InRange(result.Confidence, 96.0 / 97, 1);
    }

    [Fact]
    public void A_column_named_name_holding_company_names_is_not_a_name_field()
    {
        var result = Scan(["杭州恒瑞网络科技有限公司", "宁波博创贸易有限公司", "杭州市西湖区张记小吃店"], "name");

        Assert.Equal(SensitiveType.None, result.Type);
    }

    [Fact]
    public void A_remarks_column_holding_mobile_numbers_is_a_mobile_number_field()
    {
        var result = Scan(["13812345678", "139 8765 4321", "+86 15012345678", "18657101234"], "bz", "备注");

        Assert.Equal(SensitiveType.MobileNumber, result.Type);
        Assert.Equal(1.0, result.Confidence);
    }

    [Theory]
    [InlineData("id_number", "身份证号")]
    [InlineData("mobile", "手机号码")]
    [InlineData("bank_card", "银行卡号")]
    [InlineData("xm", "姓名")]
    [InlineData("address", "住址")]
    public void A_name_or_label_alone_never_makes_a_field_sensitive(string name, string label)
    {
        var result = Scan(["合格", "不合格", "合格", "已办结", "2024-03-15"], name, label);

        Assert.Equal(SensitiveType.None, result.Type);
    }

    [Fact]
    public void A_name_or_label_that_names_the_type_raises_the_confidence()
    {
        string[] values = ["13812345678", "13912345678", "15012345678", "不详号码"];

        var plain = Scan(values, "c1");
        var named = Scan(values, "sjhm", "手机号");

        Assert.Equal((SensitiveType.MobileNumber, 0.75), (plain.Type, plain.Confidence));
        Assert.Equal(SensitiveType.MobileNumber, named.Type);
        Assert.InRange(named.Confidence, 0.76, 0.99);
    }

    [Fact]
    public void A_name_settles_a_tie_between_types_the_values_fit_equally()
    {
        // Identity numbers that also pass Luhn: as good as bank cards by their values alone.
        string[] values = ["330106199001010069", "330106199001010077", "330106199001010085"];

        Assert.Equal(SensitiveType.IdentityNumber, Scan(values).Type);
        Assert.Equal(SensitiveType.BankCard, Scan(values, "yhkh", "银行卡号").Type);
        Assert.Equal(SensitiveType.IdentityNumber, Scan(values, "id_card", "身份证号").Type);
    }

    [Fact]
    public void Random_numbers_of_card_length_are_not_bank_cards_though_one_in_ten_passes_Luhn()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 500).Select(_ => string.Concat(Enumerable.Range(0, random.Next(16, 20)).Select(i => i == 0 ? random.Next(3, 7) : random.Next(10)))).ToList();

        var result = Scan(values, "card_no", "卡号");

        Assert.Equal(SensitiveType.None, result.Type);
        Assert.InRange(values.Count(v => ValueDetectors.Matches(SensitiveType.BankCard, v)), 25, 75);
    }

    [Fact]
    public void A_column_where_a_minority_of_values_fit_a_type_is_not_of_that_type()
    {
        var result = Scan(["张三", "李四", "合格", "已办结", "不合格"], "xm", "姓名");

        Assert.Equal(SensitiveType.None, result.Type);
        Assert.Equal(3, result.Matched);
        Assert.Equal(0.6, result.Confidence, 3);
    }

    [Fact]
    public void An_empty_column_is_none_with_no_confidence()
    {
        var result = Scan(["", " ", "-", "\u3000"], "sfzh");

        Assert.Equal(new FieldDetection(SensitiveType.None, 0, 4, 0, 0), result);
    }

    [Fact]
    public void Dotted_and_padded_names_count_in_a_name_column()
    {
        var result = Scan(["买买提·艾力", "阿依古丽·吐尔逊", "王　芳", "张伟", "欧阳娜娜"], "xm", "姓名");

        Assert.Equal((SensitiveType.PersonName, 5), (result.Type, result.Matched));
    }

    [Theory]
    [InlineData(SensitiveType.BankCard, DataGrade.L4)]
    [InlineData(SensitiveType.IdentityNumber, DataGrade.L3)]
    [InlineData(SensitiveType.MobileNumber, DataGrade.L3)]
    [InlineData(SensitiveType.PersonName, DataGrade.L3)]
    [InlineData(SensitiveType.Address, DataGrade.L3)]
    [InlineData(SensitiveType.PassportNumber, DataGrade.L3)]
    [InlineData(SensitiveType.Email, DataGrade.L2)]
    [InlineData(SensitiveType.PlateNumber, DataGrade.L2)]
    [InlineData(SensitiveType.IpAddress, DataGrade.L2)]
    [InlineData(SensitiveType.CreditCode, DataGrade.L1)]
    [InlineData(SensitiveType.None, DataGrade.L1)]
    public void Each_type_suggests_its_grade(SensitiveType type, DataGrade grade)
        => Assert.Equal(grade, SensitiveGrading.SuggestedGrade(type));
}

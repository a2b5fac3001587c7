using Gongshu.Demo;
using Gongshu.Identifiers;
using Gongshu.Security;
using Gongshu.Security.Detection;
using Xunit;

namespace Gongshu.Tests.Security.Detection;

public class ValueDetectorsTests
{
    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("440524188001010014")]
    [InlineData("11010519491231002x")]
    [InlineData("  11010519491231002X\t")]
    [InlineData("１１０１０５１９４９１２３１００２Ｘ")]
    [InlineData("110105491231002")]
    public void Identity_numbers_with_their_check_character_and_a_real_birth_date_are_recognized(string value)
        => Assert.True(ValueDetectors.Matches(SensitiveType.IdentityNumber, value));

    [Theory]
    [InlineData("110105194912310021")]
    [InlineData("11010519491331002X")]
    [InlineData("1101051949123100")]
    [InlineData("110105491331002")]
    [InlineData("990105491231002")]
    [InlineData("11010519491231002Y")]
    public void Identity_numbers_with_a_wrong_check_character_date_or_length_are_not(string value)
        => Assert.False(ValueDetectors.Matches(SensitiveType.IdentityNumber, value));

    [Fact]
    public void An_identity_number_needs_a_province_and_a_birth_date_that_is_not_in_the_future()
    {
        Assert.False(ValueDetectors.Matches(SensitiveType.IdentityNumber, IdentityNumber.Create("990101", new DateOnly(1990, 1, 1), 1)));
        Assert.False(ValueDetectors.Matches(SensitiveType.IdentityNumber, IdentityNumber.Create("330106", new DateOnly(2090, 1, 1), 1)));
        Assert.True(ValueDetectors.Matches(SensitiveType.IdentityNumber, IdentityNumber.Create("330106", new DateOnly(2020, 2, 29), 1)));
    }

    [Theory]
    [InlineData("13812345678")]
    [InlineData("19912345678")]
    [InlineData("+86 13812345678")]
    [InlineData("+8613812345678")]
    [InlineData("8613812345678")]
    [InlineData("86-13812345678")]
    [InlineData("0086 13812345678")]
    [InlineData("(+86)13812345678")]
    [InlineData("138 1234 5678")]
    [InlineData("138-1234-5678")]
    [InlineData("１３８１２３４５６７８")]
    public void Mobile_numbers_are_recognized_solid_grouped_and_with_the_country_code(string value)
        => Assert.True(ValueDetectors.Matches(SensitiveType.MobileNumber, value));

    [Theory]
    [InlineData("12812345678")]
    [InlineData("23812345678")]
    [InlineData("1381234567")]
    [InlineData("138123456789")]
    [InlineData("138 12345678")]
    [InlineData("138-1234 5678")]
    [InlineData("0571-88123456")]
    [InlineData("02188123456")]
    public void Other_numbers_are_not_mobile_numbers(string value)
        => Assert.False(ValueDetectors.Matches(SensitiveType.MobileNumber, value));

    [Theory]
    [InlineData("6222021234567890128")]
    [InlineData("6217000000000000004")]
    [InlineData("4367480000000003")]
    [InlineData("4111111111111111")]
    [InlineData("5500000000000004")]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("6222 0212 3456 7890 128")]
    [InlineData("4111-1111-1111-1111")]
    public void Card_numbers_of_card_length_and_issuer_passing_Luhn_are_bank_cards(string value)
        => Assert.True(ValueDetectors.Matches(SensitiveType.BankCard, value));

    [Theory]
    [InlineData("4111111111111112", "fails Luhn")]
    [InlineData("6222021234567890127", "fails Luhn")]
    [InlineData("79927398713", "the textbook Luhn example is too short for a card")]
    [InlineData("411111111111111", "15 digits")]
    [InlineData("11111111111111111111", "20 digits")]
    [InlineData("1000000000000009", "passes Luhn but no card starts with 1")]
    [InlineData("4111 11111111 1111", "groups not of four")]
    public void Other_long_numbers_are_not_bank_cards(string value, string why)
        => Assert.False(ValueDetectors.Matches(SensitiveType.BankCard, value), why);

    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("9144030071526726XG")]
    [InlineData("9144030071526726xg")]
    public void Credit_codes_with_both_check_characters_are_recognized(string value)
        => Assert.True(ValueDetectors.Matches(SensitiveType.CreditCode, value));

    [Theory]
    [InlineData("91350100M000100Y44")]
    [InlineData("91350100M000100Y4")]
    [InlineData("M000100Y4")]
    public void Credit_codes_with_a_wrong_check_or_length_are_not(string value)
        => Assert.False(ValueDetectors.Matches(SensitiveType.CreditCode, value));

    [Theory]
    [InlineData("zhangsan@163.com")]
    [InlineData("li.na+tag@zj.gov.cn")]
    [InlineData("ABC_1@mail.hengrui-tech.com")]
    [InlineData("12345678@qq.com")]
    [InlineData("ｚｓ＠ｑｑ．ｃｏｍ")]
    public void Email_addresses_are_recognized(string value)
        => Assert.True(ValueDetectors.Matches(SensitiveType.Email, value));

    [Theory]
    [InlineData("zhangsan@163")]
    [InlineData("zhang san@163.com")]
    [InlineData(".li@qq.com")]
    [InlineData("li..na@qq.com")]
    [InlineData("li@qq..com")]
    [InlineData("li@-qq.com")]
    [InlineData("li@qq.c")]
    [InlineData("li@qq.c0m")]
    [InlineData("@qq.com")]
    [InlineData("li@@qq.com")]
    [InlineData("https://www.zj.gov.cn")]
    public void Malformed_email_addresses_and_urls_are_not(string value)
        => Assert.False(ValueDetectors.Matches(SensitiveType.Email, value));

    [Theory]
    [InlineData("张三")]
    [InlineData("王小明")]
    [InlineData("欧阳娜娜")]
    [InlineData("司马光")]
    [InlineData("诸葛亮")]
    [InlineData("陈李美华")]
    [InlineData("买买提·艾力")]
    [InlineData("阿依古丽•吐尔逊")]
    [InlineData("爱新觉罗.溥仪")]
    [InlineData("王　芳")]
    public void Names_opening_with_a_surname_and_transliterated_names_are_person_names(string value)
        => Assert.True(ValueDetectors.Matches(SensitiveType.PersonName, value));

    [Fact]
    public void The_demo_peoples_names_are_person_names_but_for_the_few_that_are_also_places()
    {
        var random = new Random(3);
        var names = Enumerable.Range(0, 5000).Select(_ => ChineseNames.Next(random, random.Next(2) == 0)).ToList();

        var missed = names.Where(n => !ValueDetectors.Matches(SensitiveType.PersonName, n)).Distinct().ToList();

        Assert.True(missed.Count < 10, string.Join(", ", missed));
    }

    [Theory]
    [InlineData("合格", "no surname")]
    [InlineData("已办结", "no surname")]
    [InlineData("杭州", "a place")]
    [InlineData("金华", "a place, though 金 and 华 both fit a name")]
    [InlineData("西湖区", "ends like a division")]
    [InlineData("申请人", "ends like a word")]
    [InlineData("张", "one character")]
    [InlineData("张三丰四五", "five characters")]
    [InlineData("高新技术", "four characters need a compound or double surname")]
    [InlineData("Zhang San", "not Han")]
    [InlineData("·艾力", "nothing before the dot")]
    public void Words_places_and_fragments_are_not_person_names(string value, string why)
        => Assert.False(ValueDetectors.Matches(SensitiveType.PersonName, value), why);

    [Theory]
    [InlineData("浙江省杭州市西湖区文三路123号")]
    [InlineData("浙江省宁波市鄞州区锦绣花园12幢2单元1503室")]
    [InlineData("杭州市西湖区转塘街道东山社区3幢1单元201室")]
    [InlineData("临安区玲珑街道东山村5组12号")]
    [InlineData("杭州市上城区延安路１２号")]
    [InlineData("文三路123号")]
    [InlineData("翠苑一区3幢2单元501室")]
    public void Addresses_down_to_a_road_number_or_room_are_recognized(string value)
        => Assert.True(ValueDetectors.Matches(SensitiveType.Address, value));

    [Theory]
    [InlineData("浙江省杭州市西湖区", "a division only: what masking leaves")]
    [InlineData("台州市路桥区", "a division whose name holds 路")]
    [InlineData("杭州恒瑞网络科技有限公司", "a company")]
    [InlineData("杭州市西湖区张记小吃店", "a shop")]
    [InlineData("经现场核查，经营场所位于杭州市西湖区文三路。", "a sentence")]
    [InlineData("公告第3号", "a number alone")]
    [InlineData("城市道路养护工程", "a project")]
    [InlineData("西湖区", "too short")]
    public void Divisions_organizations_and_sentences_are_not_addresses(string value, string why)
        => Assert.False(ValueDetectors.Matches(SensitiveType.Address, value), why);

    [Theory]
    [InlineData("浙A12345")]
    [InlineData("粤B·D12345")]
    [InlineData("浙A·12345")]
    [InlineData("浙A 12345")]
    [InlineData("京AD12345")]
    [InlineData("沪A12345D")]
    [InlineData("浙A1234学")]
    [InlineData("浙AB123C")]
    [InlineData("浙a12345")]
    public void Plates_of_every_kind_are_recognized(string value)
        => Assert.True(ValueDetectors.Matches(SensitiveType.PlateNumber, value));

    [Theory]
    [InlineData("浙I12345", "I is never issued")]
    [InlineData("浙A12O45", "nor O")]
    [InlineData("浙A1234", "too short")]
    [InlineData("浙ABCD12", "three letters")]
    [InlineData("A12345", "no province")]
    [InlineData("港A12345", "港 is no province abbreviation")]
    [InlineData("浙AA5710123", "a drug licence")]
    [InlineData("浙AX12345", "a new-energy plate starts with D or F")]
    public void Plate_look_alikes_are_not_plates(string value, string why)
        => Assert.False(ValueDetectors.Matches(SensitiveType.PlateNumber, value), why);

    [Theory]
    [InlineData("192.168.1.1")]
    [InlineData("8.8.8.8")]
    [InlineData("255.255.255.255")]
    [InlineData("10.0.0.1:8080")]
    [InlineData("::1")]
    [InlineData("240e:3a1:2c41::1")]
    [InlineData("2409:8a28:0:0:0:0:0:1")]
    [InlineData("::ffff:192.168.1.1")]
    public void IPv4_and_IPv6_addresses_are_recognized(string value)
        => Assert.True(ValueDetectors.Matches(SensitiveType.IpAddress, value));

    [Theory]
    [InlineData("12345")]
    [InlineData("256.1.1.1")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("2024.01.15")]
    [InlineData("14:30")]
    [InlineData("14:30:00")]
    [InlineData("00:1A:2B:3C:4D:5E")]
    [InlineData("1::2::3")]
    [InlineData("10.0.0.1:0")]
    [InlineData("10.0.0.1:70000")]
    [InlineData("120.155070")]
    public void Numbers_times_and_mac_addresses_are_not_ip_addresses(string value)
        => Assert.False(ValueDetectors.Matches(SensitiveType.IpAddress, value));

    [Theory]
    [InlineData("E12345678")]
    [InlineData("EA1234567")]
    [InlineData("G12345678")]
    [InlineData("DE1234567")]
    [InlineData("SE1234567")]
    [InlineData("PE1234567")]
    [InlineData("e12345678")]
    public void Passport_numbers_of_the_Peoples_Republic_are_recognized(string value)
        => Assert.True(ValueDetectors.Matches(SensitiveType.PassportNumber, value));

    [Theory]
    [InlineData("E1234567")]
    [InlineData("E123456789")]
    [InlineData("EI1234567")]
    [InlineData("K12345678")]
    [InlineData("11010519491231002X")]
    [InlineData("浙A12345")]
    [InlineData("MA2B3C4D5")]
    public void Other_codes_are_not_passport_numbers(string value)
        => Assert.False(ValueDetectors.Matches(SensitiveType.PassportNumber, value));

    [Theory]
    [InlineData("11010519491231002X", SensitiveType.IdentityNumber)]
    [InlineData("330106199001010069", SensitiveType.IdentityNumber)]
    [InlineData("9144030071526726XG", SensitiveType.CreditCode)]
    [InlineData("6222021234567890128", SensitiveType.BankCard)]
    [InlineData("13812345678", SensitiveType.MobileNumber)]
    [InlineData("E12345678", SensitiveType.PassportNumber)]
    [InlineData("粤B·D12345", SensitiveType.PlateNumber)]
    [InlineData("192.168.1.1", SensitiveType.IpAddress)]
    [InlineData("zhangsan@163.com", SensitiveType.Email)]
    [InlineData("欧阳娜娜", SensitiveType.PersonName)]
    [InlineData("浙江省杭州市西湖区文三路123号", SensitiveType.Address)]
    [InlineData("合格", SensitiveType.None)]
    [InlineData("2024-03-15", SensitiveType.None)]
    [InlineData("330106", SensitiveType.None)]
    [InlineData("", SensitiveType.None)]
    [InlineData("   ", SensitiveType.None)]
    public void Classify_names_the_most_specific_type(string value, SensitiveType expected)
        => Assert.Equal(expected, ValueDetectors.Classify(value));

    [Fact]
    public void An_identity_number_that_also_passes_Luhn_is_classified_by_its_own_check()
    {
        Assert.True(ValueDetectors.Matches(SensitiveType.BankCard, "330106199001010069"));
        Assert.Equal(SensitiveType.IdentityNumber, ValueDetectors.Classify("330106199001010069"));
    }

    [Fact]
    public void Text_longer_than_any_sensitive_value_is_none()
        => Assert.Equal(SensitiveType.None, ValueDetectors.Classify(string.Concat(Enumerable.Repeat("浙江省杭州市西湖区文三路123号", 10))));
}

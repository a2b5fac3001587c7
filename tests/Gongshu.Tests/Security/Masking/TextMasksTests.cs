using Gongshu.Security;
using Gongshu.Security.Masking;
using Xunit;

namespace Gongshu.Tests.Security.Masking;

public class TextMasksTests
{
    [Theory]
    [InlineData(SensitiveType.IdentityNumber, "110101199003071234", "110101********1234")]
    [InlineData(SensitiveType.MobileNumber, "13812341234", "138****1234")]
    [InlineData(SensitiveType.BankCard, "6222021234567891234", "622202*********1234")]
    [InlineData(SensitiveType.PassportNumber, "E12345678", "E*****678")]
    [InlineData(SensitiveType.PlateNumber, "浙A12345", "浙A****5")]
    [InlineData(SensitiveType.CreditCode, "91330106MA2KXXXX1Y", "91330106**********")]
    public void Partial_with_the_type_counts_gives_the_standard_examples(SensitiveType type, string value, string masked)
    {
        var (first, last) = MaskTechnique.Partial.DefaultFor(type);
        Assert.Equal(masked, TextMasks.Partial(value, first, last));
    }

    [Fact]
    public void Partial_of_the_standard_bank_card_example_keeps_six_and_four()
        => Assert.Equal("622202******1234", TextMasks.Partial("6222021234561234", 6, 4));

    [Theory]
    [InlineData("1234567890", 6, 4, "**********")]
    [InlineData("12345", 6, 4, "*****")]
    [InlineData("1", 1, 0, "*")]
    [InlineData("", 6, 4, "")]
    [InlineData("12345678901", 6, 4, "123456*8901")]
    [InlineData("abc", 0, 0, "***")]
    public void Partial_of_a_value_no_longer_than_the_kept_counts_masks_every_character(string value, int first, int last, string masked)
        => Assert.Equal(masked, TextMasks.Partial(value, first, last));

    [Fact]
    public void Partial_counts_a_character_outside_the_bmp_as_one_and_never_splits_it()
    {
        Assert.Equal("𠀀**𠀁", TextMasks.Partial("𠀀ab𠀁", 1, 1));
        Assert.Equal("***", TextMasks.Partial("𠀀a𠀁", 2, 1));
        Assert.Equal("a*c", TextMasks.Partial("a𠀀c", 1, 1));
    }

    [Theory]
    [InlineData("zhao@example.com", "z***@example.com")]
    [InlineData("zhang.san@mail.gov.cn", "z********@mail.gov.cn")]
    [InlineData("a@example.com", "*@example.com")]
    [InlineData("a@b@example.com", "a**@example.com")]
    [InlineData("no-at-sign", "n*********")]
    [InlineData("@example.com", "@***********")]
    public void Email_masks_the_part_before_the_at_and_keeps_the_domain(string value, string masked)
        => Assert.Equal(masked, TextMasks.Email(value, 1, 0));

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("张三丰", "张**")]
    [InlineData("欧阳娜娜", "欧阳**")]
    [InlineData("欧阳锋", "欧阳*")]
    [InlineData("司马光", "司马*")]
    [InlineData("诸葛亮", "诸葛*")]
    [InlineData("上官婉儿", "上官**")]
    [InlineData("东方不败", "东方**")]
    [InlineData("慕容复", "慕容*")]
    [InlineData("令狐冲", "令狐*")]
    [InlineData("尉迟恭", "尉迟*")]
    [InlineData("长孙无忌", "长孙**")]
    [InlineData("宇文化及", "宇文**")]
    [InlineData("欧阳", "欧*")]
    [InlineData("王", "*")]
    [InlineData(" 李四 ", "李*")]
    [InlineData("", "")]
    public void Surname_keeps_the_surname_including_compound_ones(string name, string masked)
        => Assert.Equal(masked, TextMasks.Surname(name));

    [Theory]
    [InlineData("阿依古丽·买买提", "阿***·***")]
    [InlineData("John Smith", "J*** *****")]
    [InlineData("𠀀明", "𠀀*")]
    [InlineData("𠀀𠀁𠀂", "𠀀**")]
    public void Surname_of_names_in_parts_or_outside_the_bmp_keeps_the_first_character_only(string name, string masked)
        => Assert.Equal(masked, TextMasks.Surname(name));

    [Theory]
    [InlineData("192.168.1.23", 3, "192.168.1.*")]
    [InlineData("192.168.1.23", 2, "192.168.*.*")]
    [InlineData("10.0.0.1", 1, "10.*.*.*")]
    [InlineData(" 8.8.8.8 ", 3, "8.8.8.*")]
    [InlineData("2001:db8:85a3::8a2e:370:7334", 3, "2001:db8:85a3:*")]
    [InlineData("::ffff:192.168.1.23", 3, "192.168.1.*")]
    public void Ip_prefix_keeps_the_network_part(string ip, int octets, string masked)
        => Assert.Equal(masked, TextMasks.IpPrefix(ip, octets));

    [Theory]
    [InlineData("256.1.1.1")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("not an ip")]
    [InlineData("")]
    public void Ip_prefix_of_something_that_is_not_an_address_is_null(string value)
        => Assert.Null(TextMasks.IpPrefix(value, 3));
}

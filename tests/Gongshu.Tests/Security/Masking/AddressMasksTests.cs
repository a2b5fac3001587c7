using Gongshu.Security.Masking;
using Xunit;

namespace Gongshu.Tests.Security.Masking;

public class AddressMasksTests
{
    [Theory]
    [InlineData("浙江省杭州市西湖区文三路90号", "浙江省杭州市西湖区")]
    [InlineData("浙江省宁波市鄞州区锦绣花园12幢2单元1503室", "浙江省宁波市鄞州区")]
    [InlineData("杭州市西湖区文三路90号", "杭州市西湖区")]
    [InlineData("浙江杭州西湖区文三路90号", "浙江杭州西湖区")]
    [InlineData("北京市朝阳区建国路88号", "北京市朝阳区")]
    [InlineData("上海浦东新区世纪大道100号", "上海浦东新区")]
    [InlineData("浙江省宁波市余姚市阳明西路1号", "浙江省宁波市余姚市")]
    [InlineData("浙江省余姚市阳明西路1号", "浙江省余姚市")]
    [InlineData("湖北省仙桃市沔阳大道1号", "湖北省仙桃市")]
    [InlineData("吉林市昌邑区解放北路1号", "吉林市昌邑区")]
    [InlineData("广西壮族自治区南宁市青秀区民族大道1号", "广西壮族自治区南宁市青秀区")]
    [InlineData("延边朝鲜族自治州延吉市光明街1号", "延边朝鲜族自治州延吉市")]
    [InlineData("延边延吉市光明街1号", "延边延吉市")]
    [InlineData("中国浙江省杭州市西湖区文三路90号", "中国浙江省杭州市西湖区")]
    [InlineData("浙江省 杭州市 西湖区 文三路90号", "浙江省 杭州市 西湖区")]
    [InlineData("西湖区文三路90号", "西湖区")]
    [InlineData("浙江省杭州市西湖区", "浙江省杭州市西湖区")]
    public void An_address_is_cut_after_its_county(string address, string masked)
        => Assert.Equal(masked, AddressMasks.ToCounty(address));

    [Theory]
    [InlineData("浙江省杭州市文三路90号", "浙江省杭州市")]
    [InlineData("杭州市西湖文化广场1号", "杭州市")]
    [InlineData("广东省东莞市虎门镇连升路1号", "广东省东莞市")]
    [InlineData("杭州市鄞州区某路1号", "杭州市")]
    [InlineData("浙江省文三路90号", "浙江省")]
    public void An_address_with_no_county_is_cut_after_its_city_or_province(string address, string masked)
        => Assert.Equal(masked, AddressMasks.ToCounty(address));

    [Theory]
    [InlineData("文三路90号")]
    [InlineData("90号")]
    [InlineData("")]
    [InlineData("Room 5, 90 Wensan Road")]
    public void An_address_that_names_no_division_gives_nothing_at_all(string address)
        => Assert.Null(AddressMasks.ToCounty(address));

    [Fact]
    public void The_house_number_never_goes_out()
    {
        foreach (var address in (string[])["浙江省杭州市西湖区文三路90号", "杭州90号", "浙江90号", "西湖区90号", "浙江省杭州市西湖区90号"])
        {
            Assert.DoesNotContain("90", AddressMasks.ToCounty(address) ?? "");
        }
    }
}

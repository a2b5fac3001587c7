using Gongshu.Directories;
using Xunit;

namespace Gongshu.Tests.DirectoryTests;

public class DivisionsTests
{
    private static readonly Divisions List = Divisions.Standard;

    [Fact]
    public void A_county_code_names_its_city_and_province()
    {
        var xihu = List.Get("330106");
        Assert.Equal("西湖区", xihu.Name);
        Assert.Equal(DivisionLevel.County, xihu.Level);
        Assert.Equal("330100", xihu.ParentCode);
        Assert.Equal("杭州市", List.Parent("330106")!.Name);
        Assert.Equal("浙江省", List.Province("330106")!.Name);
        Assert.Equal("浙江省杭州市西湖区", List.FullName("330106"));
    }

    [Fact]
    public void Children_are_listed_in_code_order()
    {
        var cities = List.Children("330000");
        Assert.Equal(11, cities.Count);
        Assert.Equal(("330100", "杭州市"), (cities[0].Code, cities[0].Name));
        Assert.Contains(List.Children("330100"), d => d.Code == "330106");
        Assert.Empty(List.Children("330106"));
        Assert.Equal(31, List.Provinces.Count);
        Assert.Equal("北京市", List.Provinces[0].Name);
    }

    [Fact]
    public void Municipality_districts_hang_off_a_grouping_level_that_is_left_out_of_names()
    {
        var dongcheng = List.Get("110101");
        Assert.Equal("110100", dongcheng.ParentCode);
        Assert.True(List.Get("110100").IsGrouping);
        Assert.Equal("北京市东城区", List.FullName("110101"));
    }

    [Fact]
    public void Cities_without_counties_are_read_once_as_cities()
    {
        var dongguan = List.Get("441900");
        Assert.Equal(DivisionLevel.City, dongguan.Level);
        Assert.Empty(List.Children("441900"));
    }

    [Theory]
    [InlineData("330106", true)]
    [InlineData("330000", true)]
    [InlineData("330199", false)]
    [InlineData("33010", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Codes_are_valid_only_when_on_the_list(string? code, bool valid)
        => Assert.Equal(valid, List.IsValid(code));

    [Fact]
    public void An_unknown_code_is_refused_naming_the_field()
    {
        var error = Assert.Throws<GongshuException>(() => List.Get("999999"));
        Assert.Equal("unknown_division", error.Code);
        Assert.Equal("divisionCode", error.Field);
        Assert.Equal(ErrorKind.BadRequest, error.Kind);
    }
}

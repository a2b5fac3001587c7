using Gongshu.Security.Masking;
using Xunit;

namespace Gongshu.Tests.Security.Masking;

public class DateAndNumberMasksTests
{
    [Fact]
    public void A_date_generalizes_to_its_year_or_month()
    {
        Assert.Equal("2023", DateMasks.Generalize(new DateOnly(2023, 1, 5), DatePrecision.Year));
        Assert.Equal("2023-01", DateMasks.Generalize(new DateOnly(2023, 1, 5), DatePrecision.Month));
        Assert.Equal("0987-12", DateMasks.Generalize(new DateOnly(987, 12, 31), DatePrecision.Month));
    }

    [Theory]
    [InlineData("2023-01-05", "2023", "2023-01")]
    [InlineData("2023/1/5", "2023", "2023-01")]
    [InlineData("2023.11.05", "2023", "2023-11")]
    [InlineData("20230105", "2023", "2023-01")]
    [InlineData("2023年1月5日", "2023", "2023-01")]
    [InlineData("2023-01-05 08:30:00", "2023", "2023-01")]
    [InlineData("2023-01", "2023", "2023-01")]
    [InlineData("2023", "2023", null)]
    [InlineData("2023-02-30", null, null)]
    [InlineData("2023-13-01", null, null)]
    [InlineData("202301051", null, null)]
    [InlineData("yesterday", null, null)]
    [InlineData("", null, null)]
    public void A_date_in_text_generalizes_and_anything_else_gives_nothing(string text, string? year, string? month)
    {
        Assert.Equal(year, DateMasks.Generalize(text, DatePrecision.Year));
        Assert.Equal(month, DateMasks.Generalize(text, DatePrecision.Month));
    }

    [Theory]
    [InlineData(34, 10, 0, "30-39")]
    [InlineData(30, 10, 0, "30-39")]
    [InlineData(9, 10, 0, "0-9")]
    [InlineData(34, 5, 0, "30-34")]
    [InlineData(34, 1, 0, "34")]
    [InlineData(95, 10, 90, "90+")]
    [InlineData(89, 10, 90, "80-89")]
    public void An_age_falls_in_a_band(int age, int width, int top, string band)
        => Assert.Equal(band, DateMasks.AgeBand(age, width, top));

    [Fact]
    public void Age_counts_completed_years()
    {
        Assert.Equal(33, DateMasks.Age(new DateOnly(1990, 3, 7), new DateOnly(2024, 3, 6)));
        Assert.Equal(34, DateMasks.Age(new DateOnly(1990, 3, 7), new DateOnly(2024, 3, 7)));
    }

    [Fact]
    public void The_birth_date_is_read_from_new_and_old_identity_numbers()
    {
        Assert.True(DateMasks.TryBirthDateOfIdentityNumber("11010519491231002X", out var birth));
        Assert.Equal(new DateOnly(1949, 12, 31), birth);
        Assert.True(DateMasks.TryBirthDateOfIdentityNumber("110105491231002", out birth));
        Assert.Equal(new DateOnly(1949, 12, 31), birth);
        Assert.False(DateMasks.TryBirthDateOfIdentityNumber("13812341234", out _));
    }

    [Theory]
    [InlineData("12345.67", "12000")]
    [InlineData("-12345.67", "-12000")]
    [InlineData("0.012345", "0.012")]
    [InlineData("99999", "100000")]
    [InlineData("15", "15")]
    [InlineData("0", "0")]
    public void Round_to_significant_digits(string value, string rounded)
        => Assert.Equal(decimal.Parse(rounded, System.Globalization.CultureInfo.InvariantCulture),
            NumberMasks.Round(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), MaskTechnique.Round.ToSignificant(2)));

    [Fact]
    public void Round_to_a_multiple_rounds_halves_away_from_zero()
    {
        var hundred = MaskTechnique.Round.ToMultiple(100);
        Assert.Equal(12300m, NumberMasks.Round(12345.67m, hundred));
        Assert.Equal(200m, NumberMasks.Round(150m, hundred));
        Assert.Equal(-200m, NumberMasks.Round(-150m, hundred));
        Assert.Equal(12.5m, NumberMasks.Round(12.4m, MaskTechnique.Round.ToMultiple(0.5m)));
    }

    [Fact]
    public void Truncating_decimals_cuts_rather_than_rounds()
    {
        Assert.Equal(3.7m, NumberMasks.Round(3.789m, MaskTechnique.Round.TruncateDecimals(1)));
        Assert.Equal(-3m, NumberMasks.Round(-3.9m, MaskTechnique.Round.TruncateDecimals(0)));
    }

    [Fact]
    public void Round_keeps_the_kind_of_number()
    {
        var hundred = MaskTechnique.Round.ToMultiple(100);
        Assert.Equal(12300L, NumberMasks.Round(12345L, hundred));
        Assert.Equal(12300d, NumberMasks.Round(12345.6d, hundred));
        Assert.Equal(1.2e30, NumberMasks.Round(1.234e30, MaskTechnique.Round.ToSignificant(2)), 1e16);
        Assert.Equal(0.00012, NumberMasks.Round(0.000123456, MaskTechnique.Round.ToSignificant(2)));
        Assert.Equal(double.NaN, NumberMasks.Round(double.NaN, hundred));
        Assert.Equal("12300", NumberMasks.Round("12,345.6", hundred));
        Assert.Equal("12000", NumberMasks.Round("1.2345e4", MaskTechnique.Round.ToSignificant(2)));
        Assert.Null(NumberMasks.Round("twelve", hundred));
    }
}

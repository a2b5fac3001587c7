using Gongshu.Identifiers;
using Xunit;

namespace Gongshu.Tests.Identifiers;

public class IdentifierTests
{
    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("440524188001010014")]
    [InlineData("11010519491231002x")]
    public void The_standards_example_identity_numbers_are_valid(string value)
        => Assert.True(IdentityNumber.IsValid(value));

    [Theory]
    [InlineData("110105194912310021", "wrong check character")]
    [InlineData("11010519491331002X", "month 13")]
    [InlineData("11010519490230002X", "30 February")]
    [InlineData("1101051949123100", "too short")]
    [InlineData("11010519491231002Y", "not a check character")]
    public void An_identity_number_with_a_defect_is_invalid(string value, string defect)
        => Assert.False(IdentityNumber.IsValid(value), defect);

    [Fact]
    public void A_created_identity_number_is_valid_and_carries_its_birth_date()
    {
        var number = IdentityNumber.Create("330106", new DateOnly(1988, 2, 29), 123);
        Assert.True(IdentityNumber.IsValid(number));
        Assert.StartsWith("33010619880229123", number, StringComparison.Ordinal);
        Assert.True(IdentityNumber.TryBirthDate(number, out var birth));
        Assert.Equal(new DateOnly(1988, 2, 29), birth);
    }

    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("9144030071526726XG")]
    public void The_standards_example_credit_codes_are_valid(string value)
        => Assert.True(CreditCode.IsValid(value));

    [Theory]
    [InlineData("91350100M000100Y44")]
    [InlineData("91350100M000100Y4")]
    [InlineData("91350100M000100YI3")]
    public void A_credit_code_with_a_defect_is_invalid(string value)
        => Assert.False(CreditCode.IsValid(value));

    [Fact]
    public void A_created_credit_code_is_valid()
        => Assert.True(CreditCode.IsValid(CreditCode.Create('9', '1', "330106", "MA2H3K7P")));

    [Theory]
    [InlineData("M000100Y-4", true)]
    [InlineData("M000100Y4", true)]
    [InlineData("M000100Y5", false)]
    public void Organization_codes_are_checked_in_both_printed_forms(string value, bool valid)
        => Assert.Equal(valid, OrganizationCode.IsValid(value));
}

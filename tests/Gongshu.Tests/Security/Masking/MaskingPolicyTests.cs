using Gongshu.Security;
using Gongshu.Security.Masking;
using Xunit;

namespace Gongshu.Tests.Security.Masking;

public class MaskingPolicyTests
{
    private static string Resolve(MaskingPolicy policy, MaskingChannel channel, DataGrade grade, SensitiveType type, bool granted = false)
        => policy.Resolve(channel, grade, type, granted).ToString();

    [Theory]
    [InlineData(DataGrade.L4, SensitiveType.IdentityNumber, "suppress")]
    [InlineData(DataGrade.L4, SensitiveType.None, "suppress")]
    [InlineData(DataGrade.L3, SensitiveType.IdentityNumber, "partial")]
    [InlineData(DataGrade.L3, SensitiveType.PersonName, "surname")]
    [InlineData(DataGrade.L3, SensitiveType.Address, "address_to_county")]
    [InlineData(DataGrade.L3, SensitiveType.IpAddress, "ip_prefix(3)")]
    [InlineData(DataGrade.L3, SensitiveType.None, "suppress")]
    [InlineData(DataGrade.L2, SensitiveType.MobileNumber, "partial")]
    [InlineData(DataGrade.L2, SensitiveType.None, "keep")]
    [InlineData(DataGrade.L1, SensitiveType.CreditCode, "keep")]
    [InlineData(DataGrade.L1, SensitiveType.None, "keep")]
    public void Default_policy_on_the_open_channel(DataGrade grade, SensitiveType type, string technique)
        => Assert.Equal(technique, Resolve(MaskingPolicy.Default, MaskingChannel.Open, grade, type));

    [Theory]
    [InlineData(DataGrade.L4, SensitiveType.IdentityNumber, false, "pseudonymize")]
    [InlineData(DataGrade.L4, SensitiveType.None, false, "pseudonymize")]
    [InlineData(DataGrade.L4, SensitiveType.IdentityNumber, true, "keep")]
    [InlineData(DataGrade.L3, SensitiveType.MobileNumber, false, "partial")]
    [InlineData(DataGrade.L3, SensitiveType.PersonName, false, "surname")]
    [InlineData(DataGrade.L3, SensitiveType.PersonName, true, "keep")]
    [InlineData(DataGrade.L3, SensitiveType.None, false, "keep")]
    [InlineData(DataGrade.L2, SensitiveType.IdentityNumber, false, "keep")]
    [InlineData(DataGrade.L1, SensitiveType.None, false, "keep")]
    public void Default_policy_on_the_share_and_export_channels(DataGrade grade, SensitiveType type, bool granted, string technique)
    {
        Assert.Equal(technique, Resolve(MaskingPolicy.Default, MaskingChannel.Share, grade, type, granted));
        Assert.Equal(technique, Resolve(MaskingPolicy.Default, MaskingChannel.Export, grade, type, granted));
    }

    [Theory]
    [InlineData(DataGrade.L4, SensitiveType.PersonName, "suppress")]
    [InlineData(DataGrade.L4, SensitiveType.None, "suppress")]
    [InlineData(DataGrade.L1, SensitiveType.IdentityNumber, "partial")]
    [InlineData(DataGrade.L2, SensitiveType.BankCard, "partial")]
    [InlineData(DataGrade.L1, SensitiveType.PersonName, "surname")]
    [InlineData(DataGrade.L3, SensitiveType.Address, "address_to_county")]
    [InlineData(DataGrade.L3, SensitiveType.None, "suppress")]
    [InlineData(DataGrade.L2, SensitiveType.None, "keep")]
    public void Default_policy_on_the_preview_channel_masks_every_detected_type_whatever_the_grade(DataGrade grade, SensitiveType type, string technique)
        => Assert.Equal(technique, Resolve(MaskingPolicy.Default, MaskingChannel.Preview, grade, type));

    [Fact]
    public void The_most_specific_rule_wins()
    {
        var policy = MaskingPolicy.Parse("""
            { "version": 1, "rules": [
              { "channel": "share", "technique": "keep" },
              { "channel": "share", "grade": "L3", "technique": "pseudonymize" },
              { "channel": "share", "type": "mobile_number", "technique": "partial", "keepFirst": 3, "keepLast": 0 },
              { "channel": "share", "grade": "L3", "type": "mobile_number", "technique": "suppress" },
              { "channel": "share", "granted": true, "technique": "partial", "keepFirst": 1, "keepLast": 1 },
              { "channel": "share", "type": "mobile_number", "granted": true, "technique": "keep" }
            ] }
            """);
        Assert.Equal("suppress", Resolve(policy, MaskingChannel.Share, DataGrade.L3, SensitiveType.MobileNumber));
        Assert.Equal("partial(3,0)", Resolve(policy, MaskingChannel.Share, DataGrade.L2, SensitiveType.MobileNumber));
        Assert.Equal("pseudonymize", Resolve(policy, MaskingChannel.Share, DataGrade.L3, SensitiveType.Email));
        Assert.Equal("keep", Resolve(policy, MaskingChannel.Share, DataGrade.L2, SensitiveType.Email));
        Assert.Equal("keep", Resolve(policy, MaskingChannel.Share, DataGrade.L3, SensitiveType.MobileNumber, granted: true));
        Assert.Equal("partial(1,1)", Resolve(policy, MaskingChannel.Share, DataGrade.L3, SensitiveType.Email, granted: true));
    }

    [Fact]
    public void A_field_no_rule_reaches_is_suppressed()
    {
        var policy = MaskingPolicy.Parse("""{ "version": 1, "rules": [ { "channel": "share", "technique": "keep" } ] }""");
        Assert.Equal("suppress", Resolve(policy, MaskingChannel.Export, DataGrade.L1, SensitiveType.None));
    }

    [Fact]
    public void L4_is_suppressed_on_open_and_preview_whatever_a_type_rule_says()
    {
        var policy = MaskingPolicy.Parse("""
            { "version": 1, "rules": [
              { "channel": "open", "type": "identity_number", "technique": "partial" },
              { "channel": "preview", "technique": "keep" }
            ] }
            """);
        Assert.Equal("suppress", Resolve(policy, MaskingChannel.Open, DataGrade.L4, SensitiveType.IdentityNumber));
        Assert.Equal("partial", Resolve(policy, MaskingChannel.Open, DataGrade.L3, SensitiveType.IdentityNumber));
        Assert.Equal("suppress", Resolve(policy, MaskingChannel.Preview, DataGrade.L4, SensitiveType.None));
    }

    [Fact]
    public void The_default_policy_reads_back_from_its_json_with_the_same_fingerprint()
    {
        var json = MaskingPolicy.Default.ToJson(indented: true);
        var read = MaskingPolicy.Parse(json);
        Assert.Equal(MaskingPolicy.Default.Fingerprint, read.Fingerprint);
        Assert.Equal(MaskingPolicy.Default.Rules, read.Rules);
        Assert.Equal(MaskingPolicy.Default.ToJson(), read.ToJson());
        Assert.Matches("^[0-9a-f]{64}$", read.Fingerprint);
    }

    [Fact]
    public void The_fingerprint_ignores_rule_order_and_spacing_but_not_content()
    {
        var a = MaskingPolicy.Parse("""{"version":2,"rules":[{"channel":"open","technique":"keep"},{"channel":"open","grade":"L3","technique":"suppress"}]}""");
        var b = MaskingPolicy.Parse("""
            { "rules": [ { "technique": "suppress", "grade": "L3", "channel": "open" },
                         { "channel": "open", "grade": "any", "type": "any", "technique": "keep" } ],
              "version": 2 }
            """);
        var c = MaskingPolicy.Parse("""{"version":3,"rules":[{"channel":"open","technique":"keep"},{"channel":"open","grade":"L3","technique":"suppress"}]}""");
        var d = MaskingPolicy.Parse("""{"version":2,"rules":[{"channel":"open","technique":"keep"},{"channel":"open","grade":"L3","technique":"pseudonymize"}]}""");
        Assert.Equal(a.Fingerprint, b.Fingerprint);
        Assert.NotEqual(a.Fingerprint, c.Fingerprint);
        Assert.NotEqual(a.Fingerprint, d.Fingerprint);
    }

    [Fact]
    public void Every_technique_and_parameter_survives_a_round_trip()
    {
        const string json = """
            {"version":7,"rules":[{"channel":"share","technique":"keep"},{"channel":"share","grade":"L1","type":"none","technique":"generalize_date","precision":"month"},{"channel":"share","grade":"L2","type":"none","technique":"age_band","width":5,"top":90},{"channel":"share","grade":"L3","type":"none","technique":"round","multiple":0.5},{"channel":"share","grade":"L3","type":"identity_number","technique":"age_band","width":10},{"channel":"share","grade":"L4","type":"none","technique":"round","significant":2},{"channel":"share","grade":"L4","type":"ip_address","technique":"ip_prefix","octets":2},{"channel":"open","type":"none","technique":"round","decimals":0},{"channel":"open","type":"email","technique":"partial","keepFirst":2,"keepLast":1},{"channel":"export","granted":false,"technique":"pseudonymize"},{"channel":"preview","type":"person_name","technique":"surname"},{"channel":"preview","type":"address","technique":"address_to_county"}]}
            """;
        Assert.Equal(json, MaskingPolicy.Parse(json).ToJson());
    }

    [Theory]
    [InlineData("""{ "version": 1, "rules": [ """, "policy", "policy_malformed")]
    [InlineData("""[ ]""", "policy", "policy_malformed")]
    [InlineData("""{ "rules": [] }""", "version", "required")]
    [InlineData("""{ "version": 0, "rules": [] }""", "version", "invalid_parameter")]
    [InlineData("""{ "version": "1", "rules": [] }""", "version", "invalid_parameter")]
    [InlineData("""{ "version": 1 }""", "rules", "required")]
    [InlineData("""{ "version": 1, "rules": {} }""", "rules", "policy_malformed")]
    [InlineData("""{ "version": 1, "rules": [], "name": "x" }""", "name", "unknown_property")]
    [InlineData("""{ "version": 1, "rules": [ 3 ] }""", "rules[0]", "policy_malformed")]
    [InlineData("""{ "version": 1, "rules": [ { "technique": "keep" } ] }""", "rules[0].channel", "required")]
    [InlineData("""{ "version": 1, "rules": [ { "channel": "web", "technique": "keep" } ] }""", "rules[0].channel", "unknown_channel")]
    [InlineData("""{ "version": 1, "rules": [ { "channel": "Open", "technique": "keep" } ] }""", "rules[0].channel", "unknown_channel")]
    [InlineData("""{ "version": 1, "rules": [ { "channel": "open" } ] }""", "rules[0].technique", "required")]
    [InlineData("""{ "version": 1, "rules": [ { "channel": "open", "technique": "blur" } ] }""", "rules[0].technique", "unknown_technique")]
    [InlineData("""{ "version": 1, "rules": [ { "channel": "open", "grade": "L5", "technique": "keep" } ] }""", "rules[0].grade", "unknown_grade")]
    [InlineData("""{ "version": 1, "rules": [ { "channel": "open", "grade": 3, "technique": "keep" } ] }""", "rules[0].grade", "unknown_grade")]
    [InlineData("""{ "version": 1, "rules": [ { "channel": "open", "technique": "keep", "colour": "red" } ] }""", "rules[0].colour", "unknown_property")]
    [InlineData("""{ "version": 1, "rules": [ { "channel": "open", "technique": "keep", "width": 5 } ] }""", "rules[0].width", "unknown_property")]
    [InlineData("""{ "version": 1, "rules": [ { "channel": "open", "technique": "keep", "channel": "share" } ] }""", "rules[0].channel", "policy_malformed")]
    [InlineData("""{ "version": 1, "rules": [ { "channel": "open", "technique": "partial", "keepFirst": -1, "keepLast": 4 } ] }""", "rules[0].keepFirst", "invalid_parameter")]
    [InlineData("""{ "version": 1, "rules": [ { "channel": "open", "technique": "partial", "keepFirst": 1.5, "keepLast": 4 } ] }""", "rules[0].keepFirst", "invalid_parameter")]
    [InlineData("""{ "version": 1, "rules": [ { "channel": "open", "technique": "partial", "keepFirst": 6 } ] }""", "rules[0].keepLast", "required")]
    [InlineData("""{ "version": 1, "rules": [ { "channel": "open", "type": "none", "technique": "generalize_date" } ] }""", "rules[0].precision", "required")]
    [InlineData("""{ "version": 1, "rules": [ { "channel": "open", "type": "none", "technique": "generalize_date", "precision": "day" } ] }""", "rules[0].precision", "invalid_parameter")]
    [InlineData("""{ "version": 1, "rules": [ { "channel": "open", "type": "none", "technique": "age_band", "width": 0 } ] }""", "rules[0].width", "invalid_parameter")]
    [InlineData("""{ "version": 1, "rules": [ { "channel": "open", "type": "none", "technique": "round" } ] }""", "rules[0].significant", "required")]
    [InlineData("""{ "version": 1, "rules": [ { "channel": "open", "type": "none", "technique": "round", "significant": 2, "decimals": 1 } ] }""", "rules[0].decimals", "invalid_parameter")]
    [InlineData("""{ "version": 1, "rules": [ { "channel": "open", "type": "none", "technique": "round", "multiple": -100 } ] }""", "rules[0].multiple", "invalid_parameter")]
    [InlineData("""{ "version": 1, "rules": [ { "channel": "open", "type": "ip_address", "technique": "ip_prefix", "octets": 4 } ] }""", "rules[0].octets", "invalid_parameter")]
    [InlineData("""{ "version": 1, "rules": [ { "channel": "open", "granted": "yes", "technique": "keep" } ] }""", "rules[0].granted", "invalid_parameter")]
    public void Parse_errors_name_the_rule_and_the_property(string json, string field, string code)
    {
        var error = Assert.Throws<GongshuException>(() => MaskingPolicy.Parse(json));
        Assert.Equal(ErrorKind.BadRequest, error.Kind);
        Assert.Equal((field, code), (error.Field, error.Code));
    }

    [Theory]
    [InlineData("""{ "channel": "open", "type": "phone", "technique": "keep" }""", "rules[3].type", "unknown_sensitive_type")]
    [InlineData("""{ "channel": "open", "type": "ip_address", "technique": "surname" }""", "rules[3].technique", "technique_not_applicable")]
    [InlineData("""{ "channel": "open", "type": "mobile_number", "technique": "generalize_date", "precision": "year" }""", "rules[3].technique", "technique_not_applicable")]
    [InlineData("""{ "channel": "open", "technique": "address_to_county" }""", "rules[3].technique", "technique_not_applicable")]
    [InlineData("""{ "channel": "open", "grade": "L4", "technique": "partial" }""", "rules[3].technique", "l4_always_suppressed")]
    [InlineData("""{ "channel": "preview", "granted": true, "technique": "keep" }""", "rules[3].granted", "granted_not_applicable")]
    [InlineData("""{ "channel": "share", "grade": "L3", "technique": "keep" }""", "rules[3]", "duplicate_rule")]
    public void Parse_errors_in_a_later_rule_name_that_rule(string rule, string field, string code)
    {
        var json = $$"""
            { "version": 1, "rules": [
              { "channel": "share", "technique": "keep" },
              { "channel": "share", "grade": "L3", "technique": "pseudonymize" },
              { "channel": "open", "technique": "keep" },
              {{rule}}
            ] }
            """;
        var error = Assert.Throws<GongshuException>(() => MaskingPolicy.Parse(json));
        Assert.Equal((field, code), (error.Field, error.Code));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}

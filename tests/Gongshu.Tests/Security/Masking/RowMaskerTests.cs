using System.Text;
using Gongshu.Security;
using Gongshu.Security.Masking;
using Xunit;

namespace Gongshu.Tests.Security.Masking;

public class RowMaskerTests
{
    private static readonly byte[] ScopeKey = Pseudonymizer.DeriveScopeKey(Encoding.ASCII.GetBytes("platform key of the test, 32 b."), "grant:42");
    private static readonly DateOnly AsOf = new(2026, 11, 23);

    private static readonly MaskingColumn[] People =
    [
        new("id_number", SensitiveType.IdentityNumber, DataGrade.L3),
        new("name", SensitiveType.PersonName, DataGrade.L3),
        new("phone", SensitiveType.MobileNumber, DataGrade.L2),
        new("address", SensitiveType.Address, DataGrade.L3),
        new("birth_date", SensitiveType.None, DataGrade.L2),
        new("income", SensitiveType.None, DataGrade.L3),
        new("medical_record", SensitiveType.None, DataGrade.L4),
    ];

    private static object?[] Row() =>
    [
        "110101199003071234", "欧阳娜娜", 13812341234L, "浙江省杭州市西湖区文三路90号", new DateOnly(1990, 3, 7), 12345.67m, "门诊 2024-01-02",
    ];

    [Fact]
    public void The_open_channel_masks_a_row_by_the_default_policy()
    {
        var masker = RowMasker.Compile(People, MaskingChannel.Open, MaskingPolicy.Default, ScopeKey, AsOf);
        var row = Row();
        masker.Apply(row);
        Assert.Equal<object?>(["110101********1234", "欧阳**", "138****1234", "浙江省杭州市西湖区", new DateOnly(1990, 3, 7), null, null], row);
        Assert.Equal(
            ["id_number: partial(6,4)", "name: surname", "phone: partial(3,4)", "address: address_to_county", "birth_date: keep", "income: suppress", "medical_record: suppress"],
            masker.Describe());
        Assert.Equal(MaskingPolicy.Default.Fingerprint, masker.PolicyFingerprint);
    }

    [Fact]
    public void Every_detected_type_gets_its_usual_mask_on_the_open_channel_at_l3()
    {
        var columns = SensitiveTypes.All.Select(t => new MaskingColumn(t.Code(), t, DataGrade.L3)).ToArray();
        Assert.Equal(
            [
                "identity_number: partial(6,4)", "mobile_number: partial(3,4)", "bank_card: partial(6,4)", "credit_code: partial(8,0)",
                "email: partial(1,0)", "person_name: surname", "address: address_to_county", "plate_number: partial(2,1)",
                "ip_address: ip_prefix(3)", "passport_number: partial(1,3)",
            ],
            RowMasker.Compile(columns, MaskingChannel.Open, MaskingPolicy.Default, null, AsOf).Describe());
    }

    [Fact]
    public void The_share_channel_keeps_what_the_grant_names_and_pseudonymizes_other_l4_fields()
    {
        var columns = People.Select(c => c.Name is "name" or "id_number" ? c with { Granted = true } : c).ToArray();
        var masker = RowMasker.Compile(columns, MaskingChannel.Share, MaskingPolicy.Default, ScopeKey, AsOf);
        var row = Row();
        masker.Apply(row);
        Assert.Equal("110101199003071234", row[0]);
        Assert.Equal("欧阳娜娜", row[1]);
        Assert.Equal(13812341234L, row[2]);
        Assert.Equal("浙江省杭州市西湖区", row[3]);
        Assert.Equal(12345.67m, row[5]);
        Assert.Equal(new Pseudonymizer(ScopeKey).Token("门诊 2024-01-02"), row[6]);
    }

    [Fact]
    public void A_pseudonymized_column_gives_the_same_token_for_the_same_value_in_one_delivery_scope_only()
    {
        var columns = new[] { new MaskingColumn("id_number", SensitiveType.IdentityNumber, DataGrade.L4) };
        var first = RowMasker.Compile(columns, MaskingChannel.Export, MaskingPolicy.Default, ScopeKey, AsOf);
        var again = RowMasker.Compile(columns, MaskingChannel.Export, MaskingPolicy.Default, ScopeKey, AsOf);
        var other = RowMasker.Compile(columns, MaskingChannel.Export, MaskingPolicy.Default,
            Pseudonymizer.DeriveScopeKey(Encoding.ASCII.GetBytes("platform key of the test, 32 b."), "grant:43"), AsOf);
        object?[] a = ["110101199003071234"], b = ["110101199003071234"], c = ["110101199003071234"];
        first.Apply(a);
        again.Apply(b);
        other.Apply(c);
        Assert.Equal(a[0], b[0]);
        Assert.NotEqual(a[0], c[0]);
        Assert.Throws<ArgumentException>(() => RowMasker.Compile(columns, MaskingChannel.Export, MaskingPolicy.Default, null, AsOf));
    }

    [Fact]
    public void Values_of_every_kind_are_masked_through_their_invariant_text()
    {
        var column = new MaskingColumn("code", SensitiveType.None, DataGrade.L2);
        var partial = ColumnMasker.Create(column, new MaskTechnique.Partial(2, 1));
        Assert.Equal("20*******5", partial.Apply(new DateOnly(2023, 1, 5)));
        Assert.Equal("12*****7", partial.Apply(12345.67m));
        Assert.Equal("12***7", partial.Apply(123457L));
        Assert.Equal("tr*e", partial.Apply(true));
        Assert.Equal("20" + new string('*', 16) + "0", partial.Apply(new DateTime(2023, 1, 5, 8, 30, 0)));
        Assert.Null(partial.Apply(null));
        Assert.Equal("", partial.Apply(""));
        Assert.Equal(DBNull.Value, partial.Apply(DBNull.Value));
        Assert.Null(ColumnMasker.Create(column, new MaskTechnique.Suppress()).Apply(""));
    }

    [Fact]
    public void Dates_generalize_from_dates_times_and_text_and_other_values_go_out_as_null()
    {
        var masker = ColumnMasker.Create(new MaskingColumn("d", SensitiveType.None, DataGrade.L3), new MaskTechnique.GeneralizeDate(DatePrecision.Month));
        Assert.Equal("2023-01", masker.Apply(new DateOnly(2023, 1, 5)));
        Assert.Equal("2023-01", masker.Apply(new DateTime(2023, 1, 5, 23, 0, 0)));
        Assert.Equal("2023-01", masker.Apply("2023年1月5日"));
        Assert.Equal("2023-01", masker.Apply(20230105L));
        Assert.Null(masker.Apply("unknown"));
        Assert.Null(masker.Apply(12.5m));
    }

    [Fact]
    public void Age_bands_come_from_birth_dates_ages_and_identity_numbers()
    {
        var band = new MaskTechnique.AgeBand(10, 90);
        var birth = ColumnMasker.Create(new MaskingColumn("birth", SensitiveType.None, DataGrade.L3), band, asOf: AsOf);
        Assert.Equal("30-39", birth.Apply(new DateOnly(1990, 3, 7)));
        Assert.Equal("30-39", birth.Apply("1990-03-07"));
        Assert.Equal("30-39", birth.Apply(36L));
        Assert.Equal("30-39", birth.Apply("36"));
        Assert.Equal("90+", birth.Apply(new DateOnly(1920, 1, 1)));
        Assert.Null(birth.Apply(new DateOnly(2030, 1, 1)));
        Assert.Null(birth.Apply("n/a"));
        var id = ColumnMasker.Create(new MaskingColumn("id", SensitiveType.IdentityNumber, DataGrade.L3), band, asOf: AsOf);
        Assert.Equal("70+", ColumnMasker.Create(id.Column, new MaskTechnique.AgeBand(10, 70), asOf: AsOf).Apply("11010519491231002X"));
        Assert.Equal("30-39", id.Apply("110101199003071234"));
        Assert.Null(id.Apply("13812341234"));
    }

    [Fact]
    public void Round_keeps_numbers_numbers_and_withholds_what_is_not_a_number()
    {
        var masker = ColumnMasker.Create(new MaskingColumn("income", SensitiveType.None, DataGrade.L3), MaskTechnique.Round.ToMultiple(100));
        Assert.Equal(12300m, masker.Apply(12345.67m));
        Assert.Equal(12300L, masker.Apply(12345L));
        Assert.Equal(12300L, masker.Apply(12345));
        Assert.Equal(12300d, masker.Apply(12345.6d));
        Assert.Equal("12300", masker.Apply("12345.67"));
        Assert.Null(masker.Apply("a lot"));
        Assert.Null(masker.Apply(new DateOnly(2023, 1, 5)));
        Assert.Null(ColumnMasker.Create(masker.Column, MaskTechnique.Round.ToMultiple(0.01m)).Apply(decimal.MaxValue));
    }

    [Fact]
    public void Partial_on_an_email_column_masks_before_the_at()
    {
        var masker = ColumnMasker.Create(new MaskingColumn("email", SensitiveType.Email, DataGrade.L3), new MaskTechnique.Partial());
        Assert.Equal("partial(1,0)", masker.Technique.ToString());
        Assert.Equal("z***@example.com", masker.Apply("zhao@example.com"));
    }

    [Fact]
    public void A_row_of_the_wrong_width_is_refused_and_an_all_keep_masker_says_so()
    {
        var masker = RowMasker.Compile(People, MaskingChannel.Share, MaskingPolicy.Parse("""{"version":1,"rules":[{"channel":"share","technique":"keep"}]}"""), null);
        Assert.True(masker.KeepsAll);
        Assert.Throws<ArgumentException>(() => masker.Apply(new object?[3]));
    }

    [Fact]
    public void One_masker_serves_rows_from_many_threads()
    {
        var columns = new[] { new MaskingColumn("id_number", SensitiveType.IdentityNumber, DataGrade.L4), new MaskingColumn("name", SensitiveType.PersonName, DataGrade.L3) };
        var masker = RowMasker.Compile(columns, MaskingChannel.Share, MaskingPolicy.Default, ScopeKey, AsOf);
        var expected = new Pseudonymizer(ScopeKey).Token("110101199003071234", SensitiveType.IdentityNumber);
        Parallel.For(0, 4000, _ =>
        {
            object?[] row = ["110101199003071234", "诸葛亮"];
            masker.Apply(row);
            Assert.Equal(expected, row[0]);
            Assert.Equal("诸葛*", row[1]);
        });
    }
}

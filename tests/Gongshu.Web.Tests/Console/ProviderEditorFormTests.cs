using Gongshu.Catalog;
using Gongshu.Governance.Tickets;
using Gongshu.Server.Web.Console.Provider;
using Gongshu.Server.Web.Shared;
using Xunit;

namespace Gongshu.Web.Tests.Console;

/// <summary>The editor form's mapping to metadata and back, and the ticket steps offered: no browser needed.</summary>
public sealed class ProviderEditorFormTests
{
    [Fact]
    public void Empty_rows_are_left_out_and_the_catalogs_field_errors_land_on_the_row_the_provider_typed()
    {
        var form = new CatalogEditorForm
        {
            Name = "站点",
            Keywords = "急救、120, 站点  站点",
            Fields =
            [
                new() { Name = "a", Type = "C", Length = "10" },
                new(),
                new() { Name = "b", Type = "N", Length = "12", Scale = "2", IsKey = true, Nullable = "false" },
            ],
        };
        var errors = new FormErrors();

        var metadata = form.ToMetadata(new ResourceMetadata { Name = "旧名", Tags = ["健康浙江"] }, errors, "not a number", out var rowOf);

        Assert.False(errors.Any);
        Assert.Equal(["a", "b"], metadata.Fields.Select(f => f.Name));
        Assert.Equal([0, 2], rowOf);
        Assert.Equal(["急救", "120", "站点"], metadata.Keywords.Distinct());
        Assert.Equal(["健康浙江"], metadata.Tags);
        Assert.Equal((12, 2, true, false), (metadata.Fields[1].Length!.Value, metadata.Fields[1].Scale!.Value, metadata.Fields[1].IsKey, metadata.Fields[1].Nullable));
        Assert.Equal("fields[2].length", CatalogEditorForm.FormField("fields[1].length", rowOf));
        Assert.Equal("fields", CatalogEditorForm.FormField("fields[7].name", rowOf));
        Assert.Equal("fields", CatalogEditorForm.FormField("fields[1].unknown", rowOf));
        Assert.Equal("keywords", CatalogEditorForm.FormField("keywords[3]", rowOf));
        Assert.Equal("shareCondition", CatalogEditorForm.FormField("shareCondition", rowOf));
        Assert.Null(CatalogEditorForm.FormField("relatedCodes", rowOf));
        Assert.Null(CatalogEditorForm.FormField(null, rowOf));
    }

    [Fact]
    public void A_length_that_is_not_a_number_is_an_error_of_its_cell()
    {
        var form = new CatalogEditorForm { Name = "站点", Fields = [new(), new() { Name = "a", Type = "C", Length = "十" }] };
        var errors = new FormErrors();

        form.ToMetadata(null, errors, "not a number", out _);

        Assert.Equal("not a number", errors["fields[1].length"]);
    }

    [Fact]
    public void A_published_resource_round_trips_through_the_form_unchanged()
    {
        var metadata = new ResourceMetadata
        {
            Name = "医疗机构",
            Summary = "全省医疗机构",
            Keywords = ["医院", "诊所"],
            Format = "database",
            ShareType = "conditional",
            ShareCondition = "仅用于核验",
            LegalBasis = "《条例》",
            OpenType = "closed",
            UpdateCycle = "weekly",
            Fields = [new ResourceField { Name = "no", Label = "编号", Type = "N", Length = 10, Scale = 2, IsKey = true, Nullable = false, Grade = "L2", Description = "编号" }],
        };
        var resource = new CatalogResource(1, "313/00001", "313", 1, ResourceStatus.Published, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null,
            new ResourceVersion(1, 1, VersionState.Published, metadata, 100, [], "1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null, null));

        var back = CatalogEditorForm.From(resource).ToMetadata(metadata, new FormErrors(), "", out _);

        Assert.True(MetadataDiff.Compare(1, metadata, 2, back).IsEmpty);
    }

    [Theory]
    [InlineData(TicketStates.Open, "accept")]
    [InlineData(TicketStates.Reopened, "accept")]
    [InlineData(TicketStates.Rectifying, "submit")]
    [InlineData(TicketStates.Submitted, "verify")]
    [InlineData(TicketStates.Verified, "")]
    [InlineData(TicketStates.Closed, "")]
    public void A_provider_is_offered_only_the_steps_its_department_may_take(string state, string steps)
    {
        var provider = new CatalogCaller(7, 70, [Gongshu.Directories.Role.ProviderAdmin]);
        var other = provider with { OrganizationId = 71 };

        Assert.Equal(steps, string.Join(",", TicketSteps.Allowed(provider, Ticket(state, providerId: 70, reporter: 99))));
        Assert.Empty(TicketSteps.Allowed(other, Ticket(state, providerId: 70, reporter: 99)));
    }

    [Fact]
    public void The_reporting_department_closes_or_reopens_its_verified_correction_but_not_a_dismissed_one()
    {
        var reporter = new CatalogCaller(8, 80, [Gongshu.Directories.Role.ProviderAdmin]);

        Assert.Equal(["close", "reopen"], TicketSteps.Allowed(reporter, Ticket(TicketStates.Verified, providerId: 70, reporter: 80)));
        Assert.Empty(TicketSteps.Allowed(reporter, Ticket(TicketStates.Closed, providerId: 70, reporter: 80) with { Resolution = TicketResolutions.Dismissed }));
    }

    private static QualityTicket Ticket(string state, long providerId, long reporter)
        => new(1, 1, "313/00001", providerId, TicketOrigins.Correction, null, null, null, null, "name", null, null, null, null, "wrong", state, null, 1, reporter,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null, 0, false, []);
}

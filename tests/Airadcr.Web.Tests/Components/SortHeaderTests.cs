using Airadcr.Web.Components.Pages;
using Airadcr.Web.Worklist;
using Bunit;

namespace Airadcr.Web.Tests.Components;

public sealed class SortHeaderTests : DashboardComponentContext
{
    [Fact]
    public void Clicking_an_inactive_column_sorts_by_it_descending()
    {
        WorklistFilter? changed = null;
        var header = Render<SortHeader>(p => p
            .Add(x => x.Column, "modality").Add(x => x.Label, "Modality")
            .Add(x => x.Filter, new WorklistFilter { Sort = "created_at", Descending = true })
            .Add(x => x.SortChanged, (WorklistFilter f) => changed = f));

        Assert.Equal("none", header.Find("th").GetAttribute("aria-sort"));
        header.Find("button").Click();

        Assert.Equal("modality", changed!.Sort);
        Assert.True(changed.Descending);
    }

    [Fact]
    public void Clicking_the_active_column_flips_its_direction()
    {
        WorklistFilter? changed = null;
        var header = Render<SortHeader>(p => p
            .Add(x => x.Column, "created_at").Add(x => x.Label, "Received")
            .Add(x => x.Filter, new WorklistFilter { Sort = "created_at", Descending = true })
            .Add(x => x.SortChanged, (WorklistFilter f) => changed = f));

        Assert.Equal("descending", header.Find("th").GetAttribute("aria-sort"));
        header.Find("button").Click();

        Assert.False(changed!.Descending);
    }
}

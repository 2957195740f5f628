using Airadcr.Web.Localization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor.Services;

namespace Airadcr.Web.Tests.Components;

/// <summary>bUnit context with what the dashboard's components need: MudBlazor services and the UI texts.</summary>
public abstract class DashboardComponentContext : BunitContext
{
    protected DashboardComponentContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<IStringLocalizer, UiText>();
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Hosting;

namespace Airadcr.ServiceDefaults.Tests;

public sealed class ServiceHostArgumentsTests
{
    [Fact]
    public void A_service_host_reads_its_appsettings_files_once_without_watching_them()
    {
        var builder = WebApplication.CreateBuilder(ServiceHostArguments.For(["--environment", "Development"]));

        var jsonFiles = ((IConfigurationRoot)builder.Configuration).Providers.OfType<JsonConfigurationProvider>().ToList();
        Assert.NotEmpty(jsonFiles);
        Assert.All(jsonFiles, file => Assert.False(file.Source.ReloadOnChange, file.Source.Path));
    }
}

using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Airadcr.Web.Data;

/// <summary>webdb: accounts and roles (ASP.NET Core Identity) and review drafts (the audit chain beside them is Airadcr.Audit's).</summary>
public sealed class WebDbContext(DbContextOptions<WebDbContext> options) : IdentityDbContext<WebUser>(options)
{
    public DbSet<ReportReview> Reviews => Set<ReportReview>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<ReportReview>(review =>
        {
            review.HasKey(r => r.TechnicalId);
            review.HasIndex(r => r.Status);
            review.Property(r => r.Status).HasConversion<string>();
            review.Property(r => r.UpdatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        });
    }
}

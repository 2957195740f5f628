using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Airadcr.Web.Data;

/// <summary>webdb: accounts and roles (ASP.NET Core Identity), the audit trail and review drafts.</summary>
public sealed class WebDbContext(DbContextOptions<WebDbContext> options) : IdentityDbContext<WebUser>(options)
{
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ReportReview> Reviews => Set<ReportReview>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AuditEntry>(entry =>
        {
            entry.HasIndex(e => e.At);
            // SQLite cannot order by DateTimeOffset: store UTC ticks.
            entry.Property(e => e.At).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        });
        builder.Entity<ReportReview>(review =>
        {
            review.HasKey(r => r.TechnicalId);
            review.HasIndex(r => r.Status);
            review.Property(r => r.Status).HasConversion<string>();
            review.Property(r => r.UpdatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorMessenger.Data.Configurations;

internal sealed class BlockConfiguration : IEntityTypeConfiguration<Block>
{
    public void Configure(EntityTypeBuilder<Block> block)
    {
        block.HasKey(b => new { b.BlockerId, b.BlockedId });
        block.HasIndex(b => b.BlockedId);
        block.HasOne<ApplicationUser>().WithMany().HasForeignKey(b => b.BlockerId).OnDelete(DeleteBehavior.Cascade);
        block.HasOne<ApplicationUser>().WithMany().HasForeignKey(b => b.BlockedId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> report)
    {
        report.Property(r => r.Note).HasMaxLength(Report.NoteMaxLength);
        report.Property(r => r.Resolution).HasMaxLength(64);
        report.HasIndex(r => r.ResolvedUtc);
        report.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.ReporterId).OnDelete(DeleteBehavior.Restrict);
        report.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.SubjectId).OnDelete(DeleteBehavior.Restrict);
        report.HasOne<Message>().WithMany().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AdminActionConfiguration : IEntityTypeConfiguration<AdminAction>
{
    public void Configure(EntityTypeBuilder<AdminAction> action)
    {
        action.ToTable("AdminActions");
        action.Property(a => a.Action).HasMaxLength(64);
        action.Property(a => a.Detail).HasMaxLength(256);
        action.HasIndex(a => a.CreatedUtc);
        action.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.AdminId).OnDelete(DeleteBehavior.Restrict);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorMessenger.Data.Configurations;

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> session)
    {
        session.ToTable("Sessions");
        session.Property(s => s.Id).HasMaxLength(32);
        session.Property(s => s.Stamp).HasMaxLength(64);
        session.Property(s => s.UserAgent).HasMaxLength(UserSession.UserAgentMaxLength);
        session.Property(s => s.Address).HasMaxLength(64);
        session.HasIndex(s => s.UserId);
        session.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

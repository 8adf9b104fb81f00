using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorMessenger.Data.Configurations;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(ApplicationUser.DisplayNameMaxLength);
        user.Property(u => u.AvatarMediaId).HasMaxLength(32);
    }
}

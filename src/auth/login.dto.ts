import { IsEmail, IsString, Length } from 'class-validator';

/** Body of `POST /auth/login`. */
export class LoginDto {
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  @IsString()
  @Length(1, 256)
  password!: string;
}
